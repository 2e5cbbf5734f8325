import { HOOK_EVENT_TYPES } from '../ports/mangopay-vocabulary.js';
import type { InboxOutcome } from '../ports/webhook-inbox.js';

/**
 * Event types Mangopay sends about sessions and users beyond those this core registers hooks for
 * (`HOOK_EVENT_TYPES`): USER_KYC_RENEWAL_REQUIRED and USER_KYC_RENEWED (the official Node SDK's event type union,
 * typings/models/event.d.ts) and IDENTITY_VERIFICATION_EXPIRED (a word an earlier note here gave for TIMEOUT; no
 * Mangopay SDK or page was found to use it, but a hook of it names a session all the same). A platform may point
 * hooks for them at the same URL; each is a reason to re-fetch the resource, so it is processed, not ignored.
 * IDENTITY_VERIFICATION_ERROR / _REVIEW are not in Mangopay's published lists and stay unknown.
 */
export const ADDITIONAL_HOOK_EVENT_TYPES = ['IDENTITY_VERIFICATION_EXPIRED', 'USER_KYC_RENEWAL_REQUIRED', 'USER_KYC_RENEWED'] as const;

export const RECEIVED_HOOK_EVENT_TYPES: ReadonlyArray<string> = [...HOOK_EVENT_TYPES, ...ADDITIONAL_HOOK_EVENT_TYPES];

export type HookResource = InboxOutcome['resource'];

const known: ReadonlySet<string> = new Set(RECEIVED_HOOK_EVENT_TYPES);

/**
 * Which resource a known event type's RessourceId names, so the processor knows what to re-fetch; undefined
 * for an event type this core does not act on. The prefix decides: Mangopay names its event types by resource.
 */
export const hookResourceOf = (eventType: string): HookResource | undefined => {
  if (!known.has(eventType)) return undefined;
  if (eventType.startsWith('KYC_')) return 'kyc-document';
  if (eventType.startsWith('IDENTITY_VERIFICATION_')) return 'idv-session';
  if (eventType.startsWith('USER_KYC_')) return 'user';
  if (eventType.startsWith('UBO_DECLARATION_')) return 'ubo-declaration';
  return undefined;
};
