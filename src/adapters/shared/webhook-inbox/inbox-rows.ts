import type { InboxEntry, InboxEntryStatus, InboxOutcome } from '../../../application/ports/webhook-inbox.js';
import type { MangopayId } from '../../../domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../../domain/shared/unix-timestamp.js';

/**
 * An inbox row as SQLite and PostgreSQL both return it (the same columns in both schemas). Integers may
 * arrive as strings (PostgreSQL's bigint); all fit in a double: sequences, attempts, epoch milliseconds.
 */
export interface InboxRow {
  readonly sequence: number | string;
  readonly event_type: string;
  readonly resource_id: string;
  readonly hook_date: number | string;
  readonly received_at: string;
  readonly status: string;
  readonly attempts: number | string;
  readonly next_attempt_at: number | string;
  readonly last_failure_type: string | null;
  readonly last_failure_message: string | null;
  readonly outcome_resource: string | null;
  readonly outcome_recorded_events: number | string | null;
  readonly outcome_unknown_at_mangopay: boolean | number | null;
  readonly settled_at: string | null;
}

export const INBOX_COLUMNS =
  'sequence, event_type, resource_id, hook_date, received_at, status, attempts, next_attempt_at, last_failure_type, ' +
  'last_failure_message, outcome_resource, outcome_recorded_events, outcome_unknown_at_mangopay, settled_at';

/** What the adapters wrote is read back as written: the columns' CHECK constraints keep the vocabularies. */
export const toInboxEntry = (row: InboxRow): InboxEntry => ({
  sequence: Number(row.sequence),
  notification: { eventType: row.event_type, resourceId: row.resource_id as MangopayId, date: Number(row.hook_date) as UnixTimestamp },
  receivedAt: row.received_at,
  status: row.status as InboxEntryStatus,
  attempts: Number(row.attempts),
  nextAttemptAt: Number(row.next_attempt_at),
  lastFailure:
    row.last_failure_type === null ? null : { type: row.last_failure_type, message: row.last_failure_message ?? '' },
  outcome:
    row.outcome_resource === null
      ? null
      : {
          resource: row.outcome_resource as InboxOutcome['resource'],
          recordedEvents: Number(row.outcome_recorded_events ?? 0),
          unknownAtMangopay: row.outcome_unknown_at_mangopay === true || row.outcome_unknown_at_mangopay === 1,
        },
  settledAt: row.settled_at,
});
