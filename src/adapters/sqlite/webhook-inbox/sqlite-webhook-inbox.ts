import type { Database } from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import {
  INBOX_ENTRY_STATUSES,
  webhookInboxUnavailable,
  type HookNotification,
  type InboxClaim,
  type InboxEntryStatus,
  type RecordResult,
  type WebhookInbox,
  type WebhookInboxUnavailable,
} from '../../../application/ports/webhook-inbox.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import { runSqliteMigrations } from '../schema/sqlite-schema-migrations.js';
import { groupCommit, INBOX_COLUMNS, toInboxEntry, type InboxRow } from '../../shared/webhook-inbox/index.js';
import { webhookInboxMigrations } from '../schema/webhook-inbox-migrations.js';

export interface SqliteWebhookInboxOptions {
  /** Most notifications committed together by one group commit. Default 256. */
  readonly maxBatch?: number;
}

const unavailable = (operation: string, error: unknown): WebhookInboxUnavailable =>
  webhookInboxUnavailable(`SQLite webhook inbox ${operation} failed (${describeCause(error)})`, safeCause(error));

/** Runs a synchronous statement, turning a throw into the port's error (the driver's message may quote values). */
const attempt = <A>(operation: string, run: () => A): E.Either<WebhookInboxUnavailable, A> => {
  try {
    return E.right(run());
  } catch (error) {
    return E.left(unavailable(operation, error));
  }
};

interface PendingRecord {
  readonly notification: HookNotification;
  readonly status: 'pending' | 'ignored';
  readonly receivedAt: Date;
}

/**
 * The inbox in a SQLite database. Give it a connection opened in WAL mode with `synchronous = FULL` (as the
 * SQLite event store opens its own), so an acknowledged hook survives a power cut; the same file as the
 * event store is fine. Notifications that arrive together are committed together (group commit): one
 * fsync per burst, not per hook, which is what lets the endpoint answer quickly under load.
 */
export const createSqliteWebhookInbox = (
  database: Database,
  options: SqliteWebhookInboxOptions = {},
): E.Either<WebhookInboxUnavailable, WebhookInbox> => {
  const migrated = attempt('table creation', () => runSqliteMigrations(database, 'webhook-inbox', webhookInboxMigrations));
  if (E.isLeft(migrated)) return migrated;

  const insert = database.prepare(
    `INSERT INTO webhook_inbox (event_type, resource_id, hook_date, received_at, status, next_attempt_at, settled_at, unclaimed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_type, resource_id, hook_date) WHERE unclaimed = 1 DO NOTHING
     RETURNING sequence`,
  ).pluck();
  const claim = database.prepare(
    `UPDATE webhook_inbox SET attempts = attempts + 1, next_attempt_at = ?, unclaimed = 0
     WHERE sequence IN (SELECT sequence FROM webhook_inbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY sequence LIMIT ?)
     RETURNING ${INBOX_COLUMNS}`,
  );
  const renew = database.prepare(`UPDATE webhook_inbox SET next_attempt_at = ? WHERE sequence = ? AND status = 'pending' AND attempts = ?`);
  const processed = database.prepare(
    `UPDATE webhook_inbox SET status = 'processed', outcome_resource = ?, outcome_recorded_events = ?, outcome_unknown_at_mangopay = ?,
       last_failure_type = NULL, last_failure_message = NULL, settled_at = ?
     WHERE sequence = ? AND status = 'pending' AND attempts = ?`,
  );
  const retry = database.prepare(
    `UPDATE webhook_inbox SET last_failure_type = ?, last_failure_message = ?, next_attempt_at = ? WHERE sequence = ? AND status = 'pending' AND attempts = ?`,
  );
  const park = database.prepare(
    `UPDATE webhook_inbox SET status = 'parked', last_failure_type = ?, last_failure_message = ?, settled_at = ?
     WHERE sequence = ? AND status = 'pending' AND attempts = ?`,
  );
  const replay = database.prepare(
    `UPDATE webhook_inbox SET status = 'pending', attempts = 0, next_attempt_at = ?, settled_at = NULL WHERE sequence = ? AND status = 'parked'`,
  );
  // ISO 8601 texts from the application's Clock compare as their instants do.
  const purge = database.prepare(
    `DELETE FROM webhook_inbox WHERE sequence IN (
       SELECT sequence FROM webhook_inbox WHERE status IN ('processed', 'ignored') AND settled_at < ? ORDER BY sequence LIMIT ?
     )`,
  );
  const one = database.prepare(`SELECT ${INBOX_COLUMNS} FROM webhook_inbox WHERE sequence = ?`);
  const list = database.prepare(`SELECT ${INBOX_COLUMNS} FROM webhook_inbox WHERE status = ? AND sequence > ? ORDER BY sequence LIMIT ?`);
  const counts = database.prepare('SELECT status, count(*) AS n FROM webhook_inbox GROUP BY status');

  const recordBatch = database.transaction((batch: ReadonlyArray<PendingRecord>): RecordResult[] =>
    batch.map(({ notification, status, receivedAt }) => {
      const at = receivedAt.toISOString();
      const sequence = insert.get(
        notification.eventType,
        notification.resourceId,
        notification.date,
        at,
        status,
        receivedAt.getTime(),
        status === 'ignored' ? at : null,
        status === 'pending' ? 1 : 0,
      ) as number | undefined;
      return sequence === undefined ? { kind: 'duplicate' } : { kind: 'recorded', sequence };
    }),
  );
  const record = groupCommit<PendingRecord, E.Either<WebhookInboxUnavailable, RecordResult>>(
    async (batch) => {
      const written = attempt('record', () => recordBatch.immediate(batch));
      return E.isLeft(written) ? batch.map(() => written) : written.right.map((result) => E.right(result));
    },
    { maxBatch: options.maxBatch ?? 256, maxInFlight: 1 },
  );

  const claimDue = database.transaction((now: number, leaseUntil: number, limit: number) =>
    (claim.all(leaseUntil, now, limit) as InboxRow[]).map(toInboxEntry).sort((a, b) => a.sequence - b.sequence),
  );

  // Keyed by the claim (sequence and attempts): a claim taken again by another processor is not renewed.
  const renewClaims = database.transaction((claims: ReadonlyArray<InboxClaim>, leaseUntil: number) =>
    claims.filter((claim) => renew.run(leaseUntil, claim.sequence, claim.attempts).changes === 1).map((claim) => claim.sequence),
  );

  return E.right({
    record: (notification, { status, receivedAt }) => () => record({ notification, status, receivedAt }),
    claimDue: ({ now, leaseUntil, limit }) => async () =>
      attempt('claim', () => claimDue.immediate(now.getTime(), leaseUntil.getTime(), limit)),
    renewClaims: (claims, leaseUntil) => async () => attempt('renew claims', () => renewClaims.immediate(claims, leaseUntil.getTime())),
    markProcessed: ({ sequence, attempts }, outcome, at) => async () =>
      attempt('mark processed', () => {
        processed.run(outcome.resource, outcome.recordedEvents, outcome.unknownAtMangopay ? 1 : 0, at.toISOString(), sequence, attempts);
      }),
    scheduleRetry: ({ sequence, attempts }, failure, nextAttemptAt) => async () =>
      attempt('schedule retry', () => {
        retry.run(failure.type, failure.message, nextAttemptAt.getTime(), sequence, attempts);
      }),
    park: ({ sequence, attempts }, failure, at) => async () =>
      attempt('park', () => {
        park.run(failure.type, failure.message, at.toISOString(), sequence, attempts);
      }),
    replay: (sequence, at) => async () => attempt('replay', () => replay.run(at.getTime(), sequence).changes === 1),
    get: (sequence) => async () =>
      attempt('read', () => {
        const row = one.get(sequence) as InboxRow | undefined;
        return row === undefined ? undefined : toInboxEntry(row);
      }),
    list: ({ status, afterSequence = 0, limit = 100 }) => async () =>
      attempt('list', () => (list.all(status, afterSequence, limit) as InboxRow[]).map(toInboxEntry)),
    purgeSettled: ({ settledBefore, limit }) => async () => attempt('purge', () => purge.run(settledBefore.toISOString(), limit).changes),
    countByStatus: () => async () =>
      attempt('count', () => {
        const result = Object.fromEntries(INBOX_ENTRY_STATUSES.map((status) => [status, 0])) as Record<InboxEntryStatus, number>;
        for (const row of counts.all() as Array<{ status: InboxEntryStatus; n: number }>) result[row.status] = row.n;
        return result;
      }),
  });
};
