import type { PostgresMigration } from './postgres-schema-migrations.js';

/**
 * The events table. Global order is (transaction_id, stream_version): the id of the writing transaction
 * (`pg_current_xact_id()`, assigned at its first write) then the version inside the stream, because one
 * append transaction writes one stream. Readers only see transactions below the oldest one still in
 * flight, so a transaction that commits late can never slip in behind a reader (see global-position.ts).
 * Data and metadata are `json`, not `jsonb`: json keeps the exact text, including the `\u0000` escapes
 * that jsonb refuses, and is still queryable.
 */
export const eventStoreMigrations: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    description: 'events table with per-stream versions, unique event ids and transaction-ordered global positions',
    sql: `
      CREATE TABLE {schema}.events (
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        event_id text NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data json NOT NULL,
        metadata json NOT NULL,
        CONSTRAINT events_stream_version_key PRIMARY KEY (stream_name, stream_version),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_global_order_key UNIQUE (transaction_id, stream_version)
      )`,
  },
];
