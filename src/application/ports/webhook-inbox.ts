import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';

/**
 * The WebhookInbox port: where Mangopay's hook notifications are kept between the moment the endpoint
 * acknowledges them and the moment the processor has reconciled what they point at. Every adapter
 * (in-memory, SQLite, PostgreSQL) gives exactly these semantics; one behaviour suite runs on all of them.
 */

/** One notification as Mangopay sent it: `EventType`, `RessourceId`, `Date`. It is a hint, never the truth. */
export interface HookNotification {
  /** Mangopay's event type, verbatim (a known one, or one this core ignores). */
  readonly eventType: string;
  readonly resourceId: MangopayId;
  readonly date: UnixTimestamp;
}

/**
 * - `pending`: waiting to be processed (or to be retried, from `nextAttemptAt`);
 * - `processed`: the resource was re-fetched and reconciled (`outcome` says what it did);
 * - `ignored`: an event type this core does not act on, acknowledged so Mangopay stops retrying;
 * - `parked`: failed for good or too often; kept, listed and replayable, never dropped.
 */
export type InboxEntryStatus = 'pending' | 'processed' | 'ignored' | 'parked';
export const INBOX_ENTRY_STATUSES: ReadonlyArray<InboxEntryStatus> = ['pending', 'processed', 'ignored', 'parked'];

/** Why the last attempt failed: a stable error code and its message (messages never hold personal data). */
export interface InboxFailure {
  readonly type: string;
  readonly message: string;
}

/** What processing did: which resource it re-fetched, how many events it recorded, whether Mangopay knew the id. */
export interface InboxOutcome {
  readonly resource: 'kyc-document' | 'idv-session' | 'user' | 'ubo-declaration';
  readonly recordedEvents: number;
  readonly unknownAtMangopay: boolean;
}

export interface InboxEntry {
  /** Strictly increasing in the order notifications were first recorded. */
  readonly sequence: number;
  readonly notification: HookNotification;
  /** ISO 8601, from the application's Clock. */
  readonly receivedAt: string;
  readonly status: InboxEntryStatus;
  /** Claims so far (a claim counts even if the processor dies before it reports back). */
  readonly attempts: number;
  /** Epoch milliseconds before which a pending entry is not claimed (retry backoff, or a claim's lease). */
  readonly nextAttemptAt: number;
  readonly lastFailure: InboxFailure | null;
  readonly outcome: InboxOutcome | null;
  /** ISO 8601: when the entry was processed, ignored or parked; null while pending. */
  readonly settledAt: string | null;
}

/**
 * `recorded`: new, with its sequence. `duplicate`: an equal notification (EventType, RessourceId, Date) is pending
 * and no processor has claimed it yet, so its re-fetch, still to come, reads what this one points at.
 */
export type RecordResult = { readonly kind: 'recorded'; readonly sequence: number } | { readonly kind: 'duplicate' };

export interface WebhookInboxUnavailable {
  readonly type: 'WEBHOOK_INBOX_UNAVAILABLE';
  readonly message: string;
  readonly cause?: unknown;
}

export const webhookInboxUnavailable = (message: string, cause?: unknown): WebhookInboxUnavailable => ({
  type: 'WEBHOOK_INBOX_UNAVAILABLE',
  message,
  ...(cause === undefined ? {} : { cause }),
});

export interface ClaimRequest {
  /** Entries due at or before this instant are claimable. */
  readonly now: Date;
  /**
   * A claimed entry is not claimable again before this instant: a short lease, which the processor renews
   * (`renewClaims`) while it works on the entry; if it dies, the entry comes back when the lease runs out.
   */
  readonly leaseUntil: Date;
  readonly limit: number;
}

export interface ListRequest {
  readonly status: InboxEntryStatus;
  /** Only entries with a greater sequence (for paging). */
  readonly afterSequence?: number;
  /** Default 100. */
  readonly limit?: number;
}

export interface PurgeRequest {
  /** Entries settled strictly before this instant go. */
  readonly settledBefore: Date;
  /** Most entries deleted by one call (lowest sequence first), so one purge never holds the table for long. */
  readonly limit: number;
}

/** Which claim of an entry a settlement is for: its sequence, and its attempts as the claim counted them. */
export type InboxClaim = Pick<InboxEntry, 'sequence' | 'attempts'>;

export interface WebhookInbox {
  /**
   * Records a notification durably (it has survived a crash once the call succeeds). A pending one is collapsed
   * only with an equal one (eventType, resourceId, date) still pending and never claimed: once an equal one has
   * been claimed, its re-fetch may have read Mangopay before this notification's change, so this one is recorded
   * (and processed) again. `ignored` entries are settled at once; `pending` ones are due at `receivedAt`.
   */
  readonly record: (
    notification: HookNotification,
    disposition: { readonly status: 'pending' | 'ignored'; readonly receivedAt: Date },
  ) => TaskEither<WebhookInboxUnavailable, RecordResult>;

  /**
   * Atomically takes up to `limit` pending entries due by `now`, lowest sequence first: counts an attempt on
   * each and moves its `nextAttemptAt` to `leaseUntil`, so two processors never hold the same entry at once.
   */
  readonly claimDue: (request: ClaimRequest) => TaskEither<WebhookInboxUnavailable, ReadonlyArray<InboxEntry>>;

  /**
   * The processor's heartbeat: moves the lease of each claim it still holds to `leaseUntil`, and answers the
   * sequences it still holds. A claim is held while its entry is pending and has not been claimed again since
   * (same sequence and attempts, as for settlements); any other is left untouched and missing from the answer.
   */
  readonly renewClaims: (claims: ReadonlyArray<InboxClaim>, leaseUntil: Date) => TaskEither<WebhookInboxUnavailable, ReadonlyArray<number>>;

  /**
   * A claimed entry was reconciled. Each settlement names the claim it settles (the entry's sequence and its
   * attempts when claimed): no effect on an entry that is no longer pending, or that was claimed again since
   * (its lease ran out and another processor holds it now).
   */
  readonly markProcessed: (claim: InboxClaim, outcome: InboxOutcome, at: Date) => TaskEither<WebhookInboxUnavailable, void>;

  /** A claimed entry failed and is tried again from `nextAttemptAt` (same rule as markProcessed). */
  readonly scheduleRetry: (claim: InboxClaim, failure: InboxFailure, nextAttemptAt: Date) => TaskEither<WebhookInboxUnavailable, void>;

  /** A claimed entry is set aside, visible in `list({ status: 'parked' })` (same rule as markProcessed). */
  readonly park: (claim: InboxClaim, failure: InboxFailure, at: Date) => TaskEither<WebhookInboxUnavailable, void>;

  /** A parked entry becomes pending again, due at `at`, with its attempts reset. False when no parked entry has this sequence. */
  readonly replay: (sequence: number, at: Date) => TaskEither<WebhookInboxUnavailable, boolean>;

  readonly get: (sequence: number) => TaskEither<WebhookInboxUnavailable, InboxEntry | undefined>;

  /** Entries with a status, by sequence. */
  readonly list: (request: ListRequest) => TaskEither<WebhookInboxUnavailable, ReadonlyArray<InboxEntry>>;

  /**
   * Deletes `processed` and `ignored` entries settled before `settledBefore` (the event log is the audit trail,
   * not the inbox); `parked` entries are kept, they wait for an operator. Answers how many went. A sequence is
   * never handed out again after its entry is purged.
   */
  readonly purgeSettled: (request: PurgeRequest) => TaskEither<WebhookInboxUnavailable, number>;

  readonly countByStatus: () => TaskEither<WebhookInboxUnavailable, Readonly<Record<InboxEntryStatus, number>>>;
}
