/**
 * The defaults of the webhook handling a service runs (the background sweep's pace, the background calls' budget,
 * how long an unknown id is remembered, how long settled notifications stay in the inbox): the reference service's
 * configuration starts from them (KYC_SWEEP_EVERY_SECONDS, KYC_BACKGROUND_CALLS_PER_MINUTE,
 * KYC_INBOX_RETENTION_DAYS, …) and the auditors' documentation states them, so both import them from here.
 */
export const DEFAULT_SWEEP = { everySeconds: 60, olderThanSeconds: 900 } as const;

/** Mangopay allows 2,300 calls per 15 minutes (about 153 a minute) per client: 60 leaves most to the platform. */
export const DEFAULT_BACKGROUND_CALLS_PER_MINUTE = 60;

/** How long an id Mangopay does not know (and this core never held) is answered without asking again, and how many are kept. */
export const UNKNOWN_IDS_REMEMBERED_MS = 10 * 60_000;
export const UNKNOWN_IDS_CAPACITY = 100_000;

export const DEFAULT_INBOX_RETENTION_DAYS = 7;
