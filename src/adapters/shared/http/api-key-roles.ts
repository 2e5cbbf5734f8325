import type { PersonalDataView } from '../../../application/audit/index.js';

/**
 * What an API key may do. `platform`: the platform's backend, every route and its users' personal data as
 * recorded. `auditor`: reads only (views, lists, audit timelines, the API description), personal values masked.
 */
export const API_KEY_ROLES = ['platform', 'auditor'] as const;

export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const isApiKeyRole = (word: string): word is ApiKeyRole => (API_KEY_ROLES as ReadonlyArray<string>).includes(word);

/** A key the service accepts, and the role it carries (one role per key). */
export interface ApiKeyGrant {
  readonly key: string;
  readonly role: ApiKeyRole;
}

/** How each role is shown the users' personal data (IDV data points, reasons' comments, agents' refusal notes). */
export const PERSONAL_DATA_VIEW_OF_ROLE: { readonly [R in ApiKeyRole]: PersonalDataView } = {
  platform: 'shown',
  auditor: 'masked',
};
