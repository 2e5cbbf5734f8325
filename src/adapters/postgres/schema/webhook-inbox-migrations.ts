import type { PostgresMigration } from './postgres-schema-migrations.js';

/**
 * The inbox table, the same columns as SQLite's. Times the application gives (its Clock) are kept as it gives
 * them: ISO text for receipt and settlement, epoch milliseconds for when an entry is next due.
 */
export const webhookInboxMigrations: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    description: 'webhook inbox deduplicated on (event type, resource id, date), with attempts, backoff, outcome and failure',
    sql: `
      CREATE TABLE {schema}.webhook_inbox (
        sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_type text NOT NULL,
        resource_id text NOT NULL,
        hook_date bigint NOT NULL,
        received_at text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'processed', 'ignored', 'parked')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint NOT NULL,
        last_failure_type text,
        last_failure_message text,
        outcome_resource text CHECK (outcome_resource IN ('kyc-document', 'idv-session', 'user')),
        outcome_recorded_events integer,
        outcome_unknown_at_mangopay boolean,
        settled_at text,
        CONSTRAINT webhook_inbox_dedupe_key UNIQUE (event_type, resource_id, hook_date)
      );
      CREATE INDEX webhook_inbox_status_sequence ON {schema}.webhook_inbox (status, sequence);`,
  },
  {
    version: 2,
    description: 'webhook inbox collapses a notification only with an equal one still pending and unclaimed',
    // Deduplicating against every entry ever recorded let a processed notification swallow a later equal one
    // (and anyone could suppress a hook by sending its key first). `unclaimed` is true from recording until the
    // first claim; the unique key holds among those rows only, so it never blocks a settlement or a replay.
    sql: `
      ALTER TABLE {schema}.webhook_inbox ADD COLUMN unclaimed boolean NOT NULL DEFAULT false;
      UPDATE {schema}.webhook_inbox SET unclaimed = true WHERE status = 'pending' AND attempts = 0;
      ALTER TABLE {schema}.webhook_inbox DROP CONSTRAINT webhook_inbox_dedupe_key;
      CREATE UNIQUE INDEX webhook_inbox_unclaimed_key ON {schema}.webhook_inbox (event_type, resource_id, hook_date) WHERE unclaimed;`,
  },
  {
    version: 3,
    description: "webhook inbox outcomes of UBO_DECLARATION_* hooks: 'ubo-declaration' as a re-fetched resource",
    // Version 1's inline CHECK is named by PostgreSQL's rule, <table>_<column>_check.
    sql: `
      ALTER TABLE {schema}.webhook_inbox DROP CONSTRAINT webhook_inbox_outcome_resource_check;
      ALTER TABLE {schema}.webhook_inbox ADD CONSTRAINT webhook_inbox_outcome_resource_check
        CHECK (outcome_resource IN ('kyc-document', 'idv-session', 'user', 'ubo-declaration'));`,
  },
];
