import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import {
  INBOX_ENTRY_STATUSES,
  webhookInboxUnavailable,
  type HookNotification,
  type InboxEntryStatus,
  type RecordResult,
  type WebhookInbox,
  type WebhookInboxUnavailable,
} from '../../../application/ports/webhook-inbox.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import { isValidSchemaName, quoteSchema, runMigrations } from '../schema/postgres-schema-migrations.js';
import { dedupeKeyOf, groupCommit, INBOX_COLUMNS, toInboxEntry, type InboxRow } from '../../shared/webhook-inbox/index.js';
import { webhookInboxMigrations } from '../schema/webhook-inbox-migrations.js';

export interface PostgresWebhookInboxOptions {
  /** The pool the inbox queries on; the caller owns it (and ends it). */
  readonly pool: pg.Pool;
  /** The schema that holds `webhook_inbox`; created and migrated on start. */
  readonly schema: string;
  /** Most notifications in one group-commit INSERT. Default 256. */
  readonly maxBatch?: number;
  /** Group-commit INSERTs in flight at once. Default 4. */
  readonly maxInFlight?: number;
}

const unavailable = (operation: string, error: unknown): WebhookInboxUnavailable =>
  webhookInboxUnavailable(`PostgreSQL webhook inbox ${operation} failed (${describeCause(error)})`, safeCause(error));

/** Runs a query, turning a rejection into the port's error (the driver's message may quote values). */
const attempt = async <A>(operation: string, run: () => Promise<A>): Promise<E.Either<WebhookInboxUnavailable, A>> => {
  try {
    return E.right(await run());
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
 * The inbox in PostgreSQL. Notifications that arrive together go in one INSERT … ON CONFLICT DO NOTHING
 * (group commit: one WAL flush per burst); the dedupe key is unique among the pending rows no processor has
 * claimed yet, so two service instances receiving the same hook while it waits record it once. Claims lock with SKIP LOCKED: processors on several
 * instances never take the same entry.
 */
export const createPostgresWebhookInbox = (
  options: PostgresWebhookInboxOptions,
): TaskEither<WebhookInboxUnavailable, WebhookInbox> => async () => {
  const { pool, schema } = options;
  if (!isValidSchemaName(schema)) return E.left(webhookInboxUnavailable('PostgreSQL schema name must be a lower-case identifier'));
  const migrated = await attempt('table creation', () => runMigrations(pool, schema, 'webhook-inbox', webhookInboxMigrations));
  if (E.isLeft(migrated)) return migrated;
  const table = `${quoteSchema(schema)}.webhook_inbox`;

  // Only a pending row is unclaimed, and only unclaimed rows hold the unique key: an ignored row never conflicts.
  const insertText = `
    INSERT INTO ${table} (event_type, resource_id, hook_date, received_at, status, next_attempt_at, settled_at, unclaimed)
    SELECT *, status = 'pending' FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[])
      AS item (event_type, resource_id, hook_date, received_at, status, next_attempt_at, settled_at)
    ON CONFLICT (event_type, resource_id, hook_date) WHERE unclaimed DO NOTHING
    RETURNING sequence, event_type, resource_id, hook_date`;

  /**
   * One INSERT for the batch. Of several equal pending notifications in it, the first is the one recorded and the
   * others are duplicates (as they would be one after the other); equal ignored ones are each recorded.
   */
  const writeBatch = async (batch: ReadonlyArray<PendingRecord>): Promise<ReadonlyArray<E.Either<WebhookInboxUnavailable, RecordResult>>> => {
    const firstPendingIndexOf = new Map<string, number>();
    const written = batch.filter((item, index) => {
      if (item.status !== 'pending') return true;
      const key = dedupeKeyOf(item.notification);
      if (firstPendingIndexOf.has(key)) return false;
      firstPendingIndexOf.set(key, index);
      return true;
    });
    const inserted = await attempt('record', () =>
      pool.query<{ sequence: string; event_type: string; resource_id: string; hook_date: string }>(insertText, [
        written.map((item) => item.notification.eventType),
        written.map((item) => item.notification.resourceId),
        written.map((item) => item.notification.date),
        written.map((item) => item.receivedAt.toISOString()),
        written.map((item) => item.status),
        written.map((item) => item.receivedAt.getTime()),
        written.map((item) => (item.status === 'ignored' ? item.receivedAt.toISOString() : null)),
      ]),
    );
    if (E.isLeft(inserted)) return batch.map(() => inserted);
    // Equal rows (ignored ones) are interchangeable: each takes the next sequence recorded under its key.
    const sequencesOf = new Map<string, number[]>();
    for (const row of [...inserted.right.rows].sort((a, b) => Number(a.sequence) - Number(b.sequence))) {
      const key = dedupeKeyOf({ eventType: row.event_type, resourceId: row.resource_id, date: Number(row.hook_date) });
      sequencesOf.set(key, [...(sequencesOf.get(key) ?? []), Number(row.sequence)]);
    }
    return batch.map((item, index) => {
      const key = dedupeKeyOf(item.notification);
      if (item.status === 'pending' && firstPendingIndexOf.get(key) !== index) return E.right({ kind: 'duplicate' });
      const sequence = sequencesOf.get(key)?.shift();
      return E.right(sequence === undefined ? { kind: 'duplicate' } : { kind: 'recorded', sequence });
    });
  };
  const record = groupCommit(writeBatch, { maxBatch: options.maxBatch ?? 256, maxInFlight: options.maxInFlight ?? 4 });

  const claimText = `
    UPDATE ${table} SET attempts = attempts + 1, next_attempt_at = $1, unclaimed = false
    WHERE sequence IN (
      SELECT sequence FROM ${table} WHERE status = 'pending' AND next_attempt_at <= $2 ORDER BY sequence LIMIT $3 FOR UPDATE SKIP LOCKED
    )
    RETURNING ${INBOX_COLUMNS}`;
  // Keyed by the claims (sequence and attempts), as settlements are: a claim taken again by another processor is not renewed.
  const renewText = `
    UPDATE ${table} AS entry SET next_attempt_at = $1
    FROM unnest($2::bigint[], $3::integer[]) AS claim (sequence, attempts)
    WHERE entry.sequence = claim.sequence AND entry.attempts = claim.attempts AND entry.status = 'pending'
    RETURNING entry.sequence`;
  // $1 the sequence, $2 the attempts of the claim being settled; the SET's values follow.
  const onClaim = (set: string) => `UPDATE ${table} SET ${set} WHERE sequence = $1 AND attempts = $2 AND status = 'pending'`;
  const processedText = onClaim(
    `status = 'processed', outcome_resource = $3, outcome_recorded_events = $4, outcome_unknown_at_mangopay = $5,
     last_failure_type = NULL, last_failure_message = NULL, settled_at = $6`,
  );
  const retryText = onClaim('last_failure_type = $3, last_failure_message = $4, next_attempt_at = $5');
  const parkText = onClaim(`status = 'parked', last_failure_type = $3, last_failure_message = $4, settled_at = $5`);
  const replayText = `UPDATE ${table} SET status = 'pending', attempts = 0, next_attempt_at = $2, settled_at = NULL WHERE sequence = $1 AND status = 'parked'`;
  // ISO 8601 texts from the application's Clock compare as their instants do; rows another purge holds are skipped.
  const purgeText = `
    DELETE FROM ${table} WHERE sequence IN (
      SELECT sequence FROM ${table} WHERE status IN ('processed', 'ignored') AND settled_at < $1 ORDER BY sequence LIMIT $2 FOR UPDATE SKIP LOCKED
    )`;
  const void_ = (): undefined => undefined;

  return E.right({
    record: (notification, { status, receivedAt }) => () => record({ notification, status, receivedAt }),
    claimDue: ({ now, leaseUntil, limit }) => () =>
      attempt('claim', async () =>
        (await pool.query<InboxRow>(claimText, [leaseUntil.getTime(), now.getTime(), limit])).rows
          .map(toInboxEntry)
          .sort((a, b) => a.sequence - b.sequence),
      ),
    renewClaims: (claims, leaseUntil) => () =>
      attempt('renew claims', async () =>
        claims.length === 0
          ? []
          : (
              await pool.query<{ sequence: string }>(renewText, [
                leaseUntil.getTime(),
                claims.map((claim) => claim.sequence),
                claims.map((claim) => claim.attempts),
              ])
            ).rows.map((row) => Number(row.sequence)),
      ),
    markProcessed: ({ sequence, attempts }, outcome, at) => () =>
      attempt('mark processed', () =>
        pool
          .query(processedText, [sequence, attempts, outcome.resource, outcome.recordedEvents, outcome.unknownAtMangopay, at.toISOString()])
          .then(void_),
      ),
    scheduleRetry: ({ sequence, attempts }, failure, nextAttemptAt) => () =>
      attempt('schedule retry', () => pool.query(retryText, [sequence, attempts, failure.type, failure.message, nextAttemptAt.getTime()]).then(void_)),
    park: ({ sequence, attempts }, failure, at) => () =>
      attempt('park', () => pool.query(parkText, [sequence, attempts, failure.type, failure.message, at.toISOString()]).then(void_)),
    replay: (sequence, at) => () => attempt('replay', async () => (await pool.query(replayText, [sequence, at.getTime()])).rowCount === 1),
    get: (sequence) => () =>
      attempt('read', async () => {
        const row = (await pool.query<InboxRow>(`SELECT ${INBOX_COLUMNS} FROM ${table} WHERE sequence = $1`, [sequence])).rows[0];
        return row === undefined ? undefined : toInboxEntry(row);
      }),
    list: ({ status, afterSequence = 0, limit = 100 }) => () =>
      attempt('list', async () =>
        (
          await pool.query<InboxRow>(`SELECT ${INBOX_COLUMNS} FROM ${table} WHERE status = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`, [
            status,
            afterSequence,
            limit,
          ])
        ).rows.map(toInboxEntry),
      ),
    purgeSettled: ({ settledBefore, limit }) => () =>
      attempt('purge', async () => (await pool.query(purgeText, [settledBefore.toISOString(), limit])).rowCount ?? 0),
    countByStatus: () => () =>
      attempt('count', async () => {
        const result = Object.fromEntries(INBOX_ENTRY_STATUSES.map((status) => [status, 0])) as Record<InboxEntryStatus, number>;
        const rows = (await pool.query<{ status: InboxEntryStatus; n: string }>(`SELECT status, count(*) AS n FROM ${table} GROUP BY status`)).rows;
        for (const row of rows) result[row.status] = Number(row.n);
        return result;
      }),
  });
};
