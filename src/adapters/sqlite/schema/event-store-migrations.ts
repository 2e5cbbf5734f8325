import type { SqliteMigration } from './sqlite-schema-migrations.js';

/**
 * The events table. SQLite has one writer at a time and appends hold the write lock from reading the
 * head to commit, so rowid order is commit order: the rowid is the global position, and AUTOINCREMENT
 * keeps a position from ever being handed out twice.
 */
export const eventStoreMigrations: ReadonlyArray<SqliteMigration> = [
  {
    version: 1,
    description: 'events table with per-stream versions, unique event ids and commit-ordered global positions',
    sql: `
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_name TEXT NOT NULL,
        stream_version INTEGER NOT NULL CHECK (stream_version > 0),
        event_id TEXT NOT NULL UNIQUE,
        event_type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_name, stream_version)
      ) STRICT`,
  },
];
