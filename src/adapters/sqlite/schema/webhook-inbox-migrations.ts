import type { SqliteMigration } from './sqlite-schema-migrations.js';

/**
 * The inbox table. AUTOINCREMENT: a sequence is never handed out twice, even after the last row is deleted.
 * The unique key is the dedupe key; the (status, sequence) index serves claims (pending, oldest first) and lists.
 */
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
];
