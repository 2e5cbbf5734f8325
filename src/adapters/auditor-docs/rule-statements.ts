import type { InboxEntryStatus } from '../../application/ports/webhook-inbox.js';
import type { IdvSessionErrorType } from '../../domain/idv-session/index.js';
import type { KycDocumentErrorType } from '../../domain/kyc-document/index.js';
import type { ObservedStatus } from '../../domain/shared/transition-table.js';
import { DEFAULT_RETENTION_YEARS, type UserKycErrorType } from '../../domain/user-kyc/index.js';

/**
 * The rule behind each error code, in one line and in the seeds' words. Keyed by the error unions' `type`
 * literals, so a code added to a union without its line here (or a line for a code that is gone) does not
 * compile: the list of codes in the docs is the union's.
 */
type Statements<Code extends string> = { readonly [K in Code]: string };

/** Codes of the shared kernel that every aggregate's commands may answer with. */
export type SharedErrorType = 'INVALID_INPUT';

export const SHARED_ERROR_RULES: Statements<SharedErrorType> = {
  INVALID_INPUT:
    'Every command’s fields must have the shapes and bounds of its codec (for instance a Tag of at most 255 characters, a ReturnUrl that is an absolute https URL, a document type of the seed); the error names each field and the rule it broke, never the value.',
};

export const KYC_DOCUMENT_ERROR_RULES: Statements<Exclude<KycDocumentErrorType, SharedErrorType>> = {
  KYC_DOCUMENT_ALREADY_CREATED: 'A document is created once: a second creation in the same stream is refused.',
  KYC_DOCUMENT_NOT_FOUND: 'Pages, submission and Mangopay’s outcome need a document that has been created.',
  KYC_DOCUMENT_ID_MISMATCH: 'A command must name the document its stream holds.',
  PAGES_ONLY_WHILE_CREATED: 'Pages are added only while the document is CREATED.',
  TOO_MANY_PAGES: 'A document holds no more pages than the page policy allows.',
  PAGE_DATA_URI_PREFIX: 'A page file is plain base64: a `data:` URI prefix is refused with its own error.',
  PAGE_INVALID_BASE64: 'A page file is plain base64 (standard alphabet, padded).',
  PAGE_TOO_SMALL: 'A page is at least the policy’s smallest size (larger for some document types).',
  PAGE_TOO_LARGE: 'A page is at most the policy’s largest size, and its base64 text at most the policy’s longest (checked before decoding).',
  PAGE_FORMAT_NOT_ACCEPTED: 'A page is one of the policy’s formats, read from the file’s first bytes, never from a name or a claim.',
  SUBMIT_ONLY_WHILE_CREATED: 'Only a CREATED document can be submitted (asked for validation).',
  SUBMIT_NEEDS_A_PAGE: 'A document needs at least one page before it is submitted.',
};

export const IDV_SESSION_ERROR_RULES: Statements<Exclude<IdvSessionErrorType, SharedErrorType>> = {
  IDV_USER_TYPE_NOT_ELIGIBLE:
    'Hosted identity verification is for Natural users and Legal users whose LegalPersonType is SOLETRADER, BUSINESS or ORGANIZATION (Mangopay’s hosted IDV guide today; seed 000’s beta named the first two; never PARTNERSHIP); anyone else is refused before Mangopay is asked anything. A session Mangopay shows that this core did not start (`ImportIdvSession`) is recorded whoever its user is now (moved to PARTNERSHIP since, of a type Mangopay added), with the anomaly `user.legalPersonType` (`IdvEligibleLegalPersonType`): Mangopay created it.',
  IDV_USER_NOT_OWNER: 'The user must be an Owner (UserCategory OWNER) to start a session; checked before Mangopay is asked anything. An imported session of a user who is not (or no longer) an Owner is recorded with the anomaly `user.userCategory` (`IdvOwnerOnly`).',
  IDV_SESSION_ALREADY_STARTED: 'A session is started once: a retry is a new session.',
  IDV_SESSION_NOT_FOUND: 'Mangopay’s outcome is recorded only for a session that has been started.',
  IDV_SESSION_ID_MISMATCH: 'A command must name the session its stream holds.',
};

/** An outcome Mangopay decided that breaks a seed's rule: recorded, never refused, with the anomaly named (path and rule, never a value). */
export interface AnomalyRule {
  readonly id: string;
  readonly rule: string;
}

export const KYC_DOCUMENT_ANOMALY_RULES: ReadonlyArray<AnomalyRule> = [
  {
    id: 'REFUSAL_WITHOUT_REASON_OR_DATE',
    rule: 'Seed 002 gives a REFUSED document its RefusedReasonType and ProcessedDate. Mangopay decided the refusal: one shown without them is recorded all the same, its event’s `anomalies` naming what is missing (`RefusalNeedsReasonType`, `ProcessedDateRequired`).',
  },
];

export const IDV_SESSION_ANOMALY_RULES: ReadonlyArray<AnomalyRule> = [
  {
    id: 'IDV_CHECKS_BREAK_RULES',
    rule: 'Seed 000 says the checks fit the user’s type: the check types and data points of the tables below, BIRTHDATE as a unix timestamp, NATIONALITY and RESIDENCY as ISO 3166-1 alpha-2 codes, each check and data point once, and a refusal reason only under the check types the glossary lists it for. Mangopay decided the outcome: checks that break these rules are recorded all the same, and the event’s `anomalies` names each place and rule (never a value: check data is personal).',
  },
];

export const USER_KYC_ERROR_RULES: Statements<Exclude<UserKycErrorType, SharedErrorType>> = {
  USER_NOT_FOUND: 'A document’s or a session’s outcome, or a UBO declaration, is recorded only for a user already seen at Mangopay.',
  USER_ID_MISMATCH: 'A command must name the user its stream holds.',
  USER_FIRST_SEEN_WITH_UNRECOGNIZED_LEVEL: 'A user is registered only with a KYC level this core knows (LIGHT or REGULAR).',
  RETENTION_PERIOD_NOT_OVER: `Personal data is erased only once the retention period after the user’s last activity is over (${DEFAULT_RETENTION_YEARS} years unless configured otherwise), or when the erasure is forced, which is recorded as such.`,
};

/** A rule with no error code of its own, found in the tests by words of their titles. */
export interface TitledRule {
  readonly id: string;
  readonly rule: string;
  /** Words a test's title holds when it checks this rule. */
  readonly titled: string;
}

/**
 * How an observed Mangopay status is recorded, one rule per answer of `classifyObservedStatus` (and one for
 * values the seeds do not name). Keyed by the domain's own kinds, so a new kind needs its rule here.
 */
export const OBSERVATION_RULES: { readonly [K in ObservedStatus<string, string, string>['kind'] | 'unrecognized']: TitledRule } = {
  same: {
    id: 'OBSERVED_SAME',
    rule: 'Mangopay shows the status already recorded (a duplicated hook, a second re-fetch): nothing is recorded.',
    titled: 'duplicated',
  },
  stale: {
    id: 'OBSERVED_STALE',
    rule: 'Mangopay shows a status the resource has already left by legal steps (a late hook): nothing is recorded.',
    titled: 'stale',
  },
  ahead: {
    id: 'OBSERVED_AHEAD',
    rule: 'Mangopay shows a status further along a legal path (a hook was lost, or Mangopay moved twice): each missing step is recorded in order, marked `inferred`, then the observed one, marked `mangopay`.',
    titled: 'inferred',
  },
  divergent: {
    id: 'OBSERVED_DIVERGENT',
    rule: 'Mangopay shows a status no legal path reaches from the recorded one: a divergence event records both statuses, once, and the recorded status is kept.',
    titled: 'divergence',
  },
  unrecognized: {
    id: 'OBSERVED_UNRECOGNIZED',
    rule: 'Mangopay shows a status or a reason the seeds do not name: it is kept verbatim as `{ "unrecognized": "…" }`, never dropped and never guessed.',
    titled: 'verbatim',
  },
};

/** What each state of a notification in the inbox means. Keyed by the port's statuses. */
export const INBOX_STATUS_MEANINGS: { readonly [S in InboxEntryStatus]: string } = {
  pending: 'recorded, waiting to be processed (or to be tried again after a failure)',
  processed: 'the resource was re-fetched from Mangopay and reconciled; the entry keeps what that recorded (until purged after the retention: the event log is the audit trail)',
  ignored: 'an EventType this core does not act on: acknowledged so that Mangopay stops sending it again (purged after the retention)',
  parked: 'processing failed for good, or too many times: kept and listed for an operator, who can replay it once the cause is fixed; never dropped',
};

/** How a notification is handled, from the GET to the reconciliation. */
export const hookHandlingRules = (maxAttempts: number): ReadonlyArray<TitledRule> => [
  {
    id: 'HOOK_RECORDED_FIRST',
    rule: 'A well-formed notification is recorded in the inbox and answered 200 at once, before anything is fetched.',
    titled: 'records a valid notification',
  },
  {
    id: 'HOOK_DEDUPLICATED',
    rule: 'A notification with the same EventType, RessourceId and Date as one still waiting in the inbox (recorded, not yet taken up by the processor) is answered 200 and not recorded again.',
    titled: 'duplicate',
  },
  {
    id: 'HOOK_RECORDED_AGAIN',
    rule: 'A notification equal to one the processor has already taken up or processed is recorded and processed again: Mangopay may have changed since that re-fetch (a user back to the same level within the same second), and nobody can suppress a notification by sending its key first.',
    titled: 'equal to one',
  },
  {
    id: 'HOOK_MALFORMED',
    rule: 'A malformed query is answered 400, naming each parameter and the rule it broke, never its value.',
    titled: 'names the rule each parameter broke',
  },
  {
    id: 'HOOK_UNKNOWN_TYPE',
    rule: 'An EventType this core does not act on is answered 200 and recorded as ignored, so that Mangopay does not retry it forever.',
    titled: 'recorded as ignored',
  },
  {
    id: 'HOOK_REFETCHED',
    rule: 'Processing re-fetches the resource the notification names from Mangopay and reconciles what Mangopay shows; the notification itself is a hint, never recorded as a fact.',
    titled: 're-fetches',
  },
  {
    id: 'HOOK_FORGED',
    rule: 'A notification naming a resource Mangopay does not know, or a state Mangopay does not show, changes nothing.',
    titled: 'forged',
  },
  {
    id: 'HOOK_PARKED',
    rule: `A notification whose processing fails for a passing reason (Mangopay or the store unavailable, rate limited) is tried again with growing delays and parked after ${maxAttempts} attempts; any other failure parks it at once.`,
    titled: 'parks',
  },
  {
    id: 'HOOK_ONCE',
    rule: 'Processing the same notification twice (a retry, a replay, a restored backup) has the effect of processing it once.',
    titled: 'with the effect of once',
  },
];
