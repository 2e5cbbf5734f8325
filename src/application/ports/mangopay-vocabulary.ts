import type * as t from 'io-ts';
import { literals } from '../../domain/shared/codec-helpers.js';
import type { IdvSessionStatus } from '../../domain/idv-session/idv-session.vocabulary.js';

/**
 * Words Mangopay's API uses today where the seeds use others. The HTTP client reads them as the seeds'
 * words; the simulator, speaking as Mangopay does today, writes them. One table, read both ways.
 */
export const IDV_SESSION_STATUS_TODAY: ReadonlyArray<{ readonly today: string; readonly seed: IdvSessionStatus }> = [
  { today: 'REFUSED', seed: 'REJECTED' },
  { today: 'OUT_OF_DATE', seed: 'OUTDATED' },
  { today: 'EXPIRED', seed: 'TIMEOUT' },
];

const seedByToday = new Map(IDV_SESSION_STATUS_TODAY.map((row) => [row.today, row.seed] as const));
const todayBySeed = new Map<string, string>(IDV_SESSION_STATUS_TODAY.map((row) => [row.seed, row.today] as const));

/** A session status as Mangopay sends it, in the seed's word when there is one (unknown words pass unchanged). */
export const idvSessionStatusFromWire = (wire: string): string => seedByToday.get(wire) ?? wire;

/** A seed session status in the word Mangopay uses today. */
export const idvSessionStatusToWire = (status: IdvSessionStatus): string => todayBySeed.get(status) ?? status;

/**
 * Webhook event types of the KYC documents, IDV sessions, user KYC levels and UBO declarations (Mangopay's names): the hooks this
 * core registers. As listed by https://docs.mangopay.com/webhooks/event-types and, for the sessions, the release
 * note that made hosted KYC/KYB generally available (https://docs.mangopay.com/release-notes/api/2025-05-13:
 * VALIDATED, FAILED, INCONCLUSIVE, OUTDATED) and https://docs.mangopay.com/guides/users/verification/hosted; then
 * the two IDV types only Mangopay's SDKs name (SDK_NAMED_HOOK_EVENT_TYPES). The simulator's list
 * (src/simulator/mangopay-words.ts) is written from the same sources.
 */
export const DOCUMENTED_HOOK_EVENT_TYPES = [
  'KYC_CREATED',
  'KYC_VALIDATION_ASKED',
  'KYC_SUCCEEDED',
  'KYC_FAILED',
  'KYC_OUTDATED',
  'IDENTITY_VERIFICATION_VALIDATED',
  'IDENTITY_VERIFICATION_FAILED',
  'IDENTITY_VERIFICATION_INCONCLUSIVE',
  'IDENTITY_VERIFICATION_OUTDATED',
  'USER_KYC_REGULAR',
  'USER_KYC_LIGHT',
  // A UBO declaration's statuses (RessourceId the declaration):
  // https://docs.mangopay.com/guides/users/verification/beneficial-owners/how-to and the event types page.
  'UBO_DECLARATION_CREATED',
  'UBO_DECLARATION_VALIDATION_ASKED',
  'UBO_DECLARATION_VALIDATED',
  'UBO_DECLARATION_REFUSED',
  'UBO_DECLARATION_INCOMPLETE',
] as const;

/**
 * IDV event types no documentation page lists but Mangopay's official SDKs do: IDENTITY_VERIFICATION_TIMEOUT
 * (the Node SDK's event type union, mangopay2-nodejs-sdk typings/models/event.d.ts, October 2025; the PHP SDK
 * dropped it in 3.40.1, June 2025) for a session that EXPIRED, and IDENTITY_VERIFICATION_PENDING (both SDKs).
 * Registered too, so an expired session is heard of without waiting for the sweep; a Mangopay that refuses one
 * is told so at registration, and that neither fails registration nor holds readiness back.
 */
export const SDK_NAMED_HOOK_EVENT_TYPES = ['IDENTITY_VERIFICATION_TIMEOUT', 'IDENTITY_VERIFICATION_PENDING'] as const;

export const HOOK_EVENT_TYPES = [...DOCUMENTED_HOOK_EVENT_TYPES, ...SDK_NAMED_HOOK_EVENT_TYPES] as const;
export const HookEventType = literals('HookEventType', HOOK_EVENT_TYPES);
export type HookEventType = t.TypeOf<typeof HookEventType>;

export const HOOK_STATUSES = ['ENABLED', 'DISABLED'] as const;
export const HookStatus = literals('HookStatus', HOOK_STATUSES);
export type HookStatus = t.TypeOf<typeof HookStatus>;

export const HOOK_VALIDITIES = ['VALID', 'INVALID', 'UNKNOWN'] as const;
export const HookValidity = literals('HookValidity', HOOK_VALIDITIES);
export type HookValidity = t.TypeOf<typeof HookValidity>;
