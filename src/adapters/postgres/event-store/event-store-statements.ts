import type { QueryConfig } from 'pg';
import type { EventToAppend, ExpectedVersion, StreamName } from '../../../application/ports/event-store.js';
import type { EncodedEvent } from '../../shared/event-store/index.js';
import { quoteSchema } from '../schema/postgres-schema-migrations.js';

/**
 * The SQL of the PostgreSQL event store, as named (prepared once per connection) statements for one schema.
 * Every statement is a single round trip and, outside an explicit transaction, its own atomic transaction.
 */
export interface EventStoreStatements {
  /**
   * The fast path: reads the stream's head, checks the expected version and inserts the whole batch in
   * one statement. Zero rows back means the expected version did not hold; a unique violation means a
   * concurrent writer or a replayed event id. Either way the caller then looks closer.
   */
  readonly append: (streamName: StreamName, expected: ExpectedVersion, batch: ReadonlyArray<EventToAppend>, encoded: ReadonlyArray<EncodedEvent>) => QueryConfig;
  /**
   * The fast path when the caller names the version (exact or no-stream, the command handlers' case): the
   * versions follow from it, so the head is never read. Versions are gapless, so "the row at the expected
   * version exists and none above it" is the version check: the guard looks up that one row, and the
   * (stream, version) key refuses the rest (a unique violation, looked at as above).
   */
  readonly appendAt: (streamName: StreamName, version: number, batch: ReadonlyArray<EventToAppend>, encoded: ReadonlyArray<EncodedEvent>) => QueryConfig;
  /** The stream's head and the events already stored under the batch's ids, in one snapshot. */
  readonly lookClose: (streamName: StreamName, eventIds: ReadonlyArray<string>) => QueryConfig;
  readonly readStream: (streamName: StreamName, afterVersion: number) => QueryConfig;
  readonly readAll: (afterTransactionId: string, afterStreamVersion: number, maxCount: number) => QueryConfig;
  /** The last committed event's position in this statement's snapshot: every commit acknowledged before it. */
  readonly lastPosition: () => QueryConfig;
}

const VALUES_BATCH_LIMIT = 10;

const eventColumns = (alias: string): string =>
  `${alias}transaction_id::text AS transaction_id, ${alias}stream_name, ${alias}stream_version, ${alias}event_id, ` +
  `${alias}event_type, ${alias}schema_version, ${alias}data, ${alias}metadata`;

export const eventStoreStatements = (schema: string): EventStoreStatements => {
  const events = `${quoteSchema(schema)}.events`;
  const appendText = `
    WITH head AS (SELECT coalesce(max(stream_version), 0) AS version FROM ${events} WHERE stream_name = $1)
    INSERT INTO ${events} (stream_name, stream_version, event_id, event_type, schema_version, data, metadata)
    SELECT $1, head.version + batch.ordinal, batch.event_id, batch.event_type, batch.schema_version, batch.data::json, batch.metadata::json
    FROM head, unnest($4::text[], $5::text[], $6::integer[], $7::text[], $8::text[])
      WITH ORDINALITY AS batch(event_id, event_type, schema_version, data, metadata, ordinal)
    WHERE CASE $2::text
      WHEN 'any' THEN true
      WHEN 'no-stream' THEN head.version = 0
      WHEN 'stream-exists' THEN head.version > 0
      ELSE head.version = $3::integer END
    RETURNING transaction_id::text AS transaction_id, stream_version`;
  const guard = `WHERE $2::integer = 0 OR EXISTS (SELECT FROM ${events} WHERE stream_name = $1 AND stream_version = $2::integer)`;
  const columns = `(stream_name, stream_version, event_id, event_type, schema_version, data, metadata)`;
  const returning = 'RETURNING transaction_id::text AS transaction_id, stream_version';
  // Small batches bind one parameter per value (no arrays to build and unnest: the cheaper plan); one
  // prepared statement per size up to VALUES_BATCH_LIMIT, beyond it arrays, whose size has no bound.
  const appendAtValuesText = (size: number): string => {
    const rows = Array.from({ length: size }, (_, k) => {
      const p = 3 + 5 * k;
      return `($1, $2::integer + ${k + 1}, $${p}::text, $${p + 1}::text, $${p + 2}::integer, $${p + 3}::json, $${p + 4}::json)`;
    });
    return `INSERT INTO ${events} ${columns} SELECT * FROM (VALUES ${rows.join(', ')}) AS batch ${guard} ${returning}`;
  };
  const appendAtValues = Array.from({ length: VALUES_BATCH_LIMIT + 1 }, (_, size) => (size === 0 ? '' : appendAtValuesText(size)));
  const appendAtArraysText = `
    INSERT INTO ${events} ${columns}
    SELECT $1, $2::integer + batch.ordinal, batch.event_id, batch.event_type, batch.schema_version, batch.data::json, batch.metadata::json
    FROM unnest($3::text[], $4::text[], $5::integer[], $6::text[], $7::text[])
      WITH ORDINALITY AS batch(event_id, event_type, schema_version, data, metadata, ordinal)
    ${guard} ${returning}`;
  const lookCloseText = `
    SELECT head.version AS head, ${eventColumns('e.')}
    FROM (SELECT coalesce(max(stream_version), 0) AS version FROM ${events} WHERE stream_name = $1) head
    LEFT JOIN ${events} e ON e.event_id = ANY($2::text[])`;
  const readStreamText = `
    SELECT head.version AS head, ${eventColumns('e.')}
    FROM (SELECT coalesce(max(stream_version), 0) AS version FROM ${events} WHERE stream_name = $1) head
    LEFT JOIN ${events} e ON e.stream_name = $1 AND e.stream_version > $2
    ORDER BY e.stream_version`;
  // The ORDER BY names the table's columns (e.), not the output's: the output's transaction_id is text, and
  // ordering by it would be lexicographic (…, 999, 1000 sorted before 999) while the WHERE compares numbers,
  // so a page would end on a position past events it never returned.
  const readAllText = `
    SELECT ${eventColumns('e.')} FROM ${events} e
    WHERE (e.transaction_id, e.stream_version) > ($1::xid8, $2::bigint)
      AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.transaction_id, e.stream_version
    LIMIT $3`;
  const lastPositionText = `
    SELECT e.transaction_id::text AS transaction_id, e.stream_version FROM ${events} e
    ORDER BY e.transaction_id DESC, e.stream_version DESC
    LIMIT 1`;
  return {
    lastPosition: () => ({ name: `kyc-last-position:${schema}`, text: lastPositionText }),
    append: (streamName, expected, batch, encoded) => ({
      name: `kyc-append:${schema}`,
      text: appendText,
      values: [
        streamName,
        expected.kind,
        expected.kind === 'exact' ? expected.version : null,
        batch.map((event) => event.eventId),
        batch.map((event) => event.type),
        batch.map((event) => event.schemaVersion),
        encoded.map((event) => event.data),
        encoded.map((event) => event.metadata),
      ],
    }),
    appendAt: (streamName, version, batch, encoded) =>
      batch.length <= VALUES_BATCH_LIMIT
        ? {
            name: `kyc-append-at-${batch.length}:${schema}`,
            text: appendAtValues[batch.length] as string,
            values: [streamName, version, ...batch.flatMap((event, k) => [event.eventId, event.type, event.schemaVersion, encoded[k]?.data, encoded[k]?.metadata])],
          }
        : {
            name: `kyc-append-at:${schema}`,
            text: appendAtArraysText,
            values: [
              streamName,
              version,
              batch.map((event) => event.eventId),
              batch.map((event) => event.type),
              batch.map((event) => event.schemaVersion),
              encoded.map((event) => event.data),
              encoded.map((event) => event.metadata),
            ],
          },
    lookClose: (streamName, eventIds) => ({ name: `kyc-look-close:${schema}`, text: lookCloseText, values: [streamName, eventIds] }),
    readStream: (streamName, afterVersion) => ({ name: `kyc-read-stream:${schema}`, text: readStreamText, values: [streamName, afterVersion] }),
    readAll: (afterTransactionId, afterStreamVersion, maxCount) => ({
      name: `kyc-read-all:${schema}`,
      text: readAllText,
      values: [afterTransactionId, afterStreamVersion, maxCount],
    }),
  };
};
