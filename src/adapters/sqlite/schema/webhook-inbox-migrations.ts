import type { SqliteMigration } from './sqlite-schema-migrations.js';

/**
 * The inbox table. AUTOINCREMENT: a sequence is never handed out twice, even after the last row is deleted.
 * The unique key is the dedupe key; the (status, sequence) index serves claims (pending, oldest first) and lists.
 */
const COLUMNS_V1 =
  'sequence, event_type, resource_id, hook_date, received_at, status, attempts, next_attempt_at, last_failure_type, ' +
  'last_failure_message, outcome_resource, outcome_recorded_events, outcome_unknown_at_mangopay, settled_at';

export const webhookInboxMigrations: ReadonlyArray<SqliteMigration> = [
  {
    version: 1,
    description: 'webhook inbox deduplicated on (event type, resource id, date), with attempts, backoff, outcome and failure',
    sql: `
      CREATE TABLE webhook_inbox (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        event_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        hook_date INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'ignored', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_failure_type TEXT,
        last_failure_message TEXT,
        outcome_resource TEXT CHECK (outcome_resource IN ('kyc-document', 'idv-session', 'user')),
        outcome_recorded_events INTEGER,
        outcome_unknown_at_mangopay INTEGER,
        settled_at TEXT,
        UNIQUE (event_type, resource_id, hook_date)
      ) STRICT;
      CREATE INDEX webhook_inbox_status_sequence ON webhook_inbox (status, sequence);`,
  },
  {
    version: 2,
    description: 'webhook inbox collapses a notification only with an equal one still pending and unclaimed',
    // Deduplicating against every entry ever recorded let a processed notification swallow a later equal one
    // (and anyone could suppress a hook by sending its key first). `unclaimed` is 1 from recording until the
    // first claim; the unique key holds among those rows only. SQLite cannot drop a table's UNIQUE constraint:
    // the table is rebuilt, keeping its rows and its AUTOINCREMENT counter (no sequence is ever handed out twice).
    sql: `
      CREATE TABLE webhook_inbox_v2 (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        event_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        hook_date INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'ignored', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_failure_type TEXT,
        last_failure_message TEXT,
        outcome_resource TEXT CHECK (outcome_resource IN ('kyc-document', 'idv-session', 'user')),
        outcome_recorded_events INTEGER,
        outcome_unknown_at_mangopay INTEGER,
        settled_at TEXT,
        unclaimed INTEGER NOT NULL DEFAULT 0 CHECK (unclaimed IN (0, 1))
      ) STRICT;
      INSERT INTO webhook_inbox_v2 (${COLUMNS_V1}, unclaimed)
        SELECT ${COLUMNS_V1}, status = 'pending' AND attempts = 0 FROM webhook_inbox;
      DELETE FROM sqlite_sequence WHERE name = 'webhook_inbox_v2';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'webhook_inbox_v2', seq FROM sqlite_sequence WHERE name = 'webhook_inbox';
      DROP TABLE webhook_inbox;
      ALTER TABLE webhook_inbox_v2 RENAME TO webhook_inbox;
      CREATE INDEX webhook_inbox_status_sequence ON webhook_inbox (status, sequence);
      CREATE UNIQUE INDEX webhook_inbox_unclaimed_key ON webhook_inbox (event_type, resource_id, hook_date) WHERE unclaimed = 1;`,
  },
  {
    version: 3,
    description: "webhook inbox outcomes of UBO_DECLARATION_* hooks: 'ubo-declaration' as a re-fetched resource",
    // SQLite cannot change a CHECK constraint: the table is rebuilt as in version 2, rows and AUTOINCREMENT counter kept.
    sql: `
      CREATE TABLE webhook_inbox_v3 (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        event_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        hook_date INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'ignored', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_failure_type TEXT,
        last_failure_message TEXT,
        outcome_resource TEXT CHECK (outcome_resource IN ('kyc-document', 'idv-session', 'user', 'ubo-declaration')),
        outcome_recorded_events INTEGER,
        outcome_unknown_at_mangopay INTEGER,
        settled_at TEXT,
        unclaimed INTEGER NOT NULL DEFAULT 0 CHECK (unclaimed IN (0, 1))
      ) STRICT;
      INSERT INTO webhook_inbox_v3 (${COLUMNS_V1}, unclaimed) SELECT ${COLUMNS_V1}, unclaimed FROM webhook_inbox;
      DELETE FROM sqlite_sequence WHERE name = 'webhook_inbox_v3';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'webhook_inbox_v3', seq FROM sqlite_sequence WHERE name = 'webhook_inbox';
      DROP TABLE webhook_inbox;
      ALTER TABLE webhook_inbox_v3 RENAME TO webhook_inbox;
      CREATE INDEX webhook_inbox_status_sequence ON webhook_inbox (status, sequence);
      CREATE UNIQUE INDEX webhook_inbox_unclaimed_key ON webhook_inbox (event_type, resource_id, hook_date) WHERE unclaimed = 1;`,
  },
];
