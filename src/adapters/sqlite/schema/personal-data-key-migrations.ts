import type { SqliteMigration } from './sqlite-schema-migrations.js';

/**
 * One row per subject, in the events' database file but in a table of its own. An erased subject keeps a
 * tombstone row (no material, the erasure date) so that nothing new is ever sealed for them again.
 */
export const personalDataKeyMigrations: ReadonlyArray<SqliteMigration> = [
  {
    version: 1,
    description: 'personal data keys: one per subject, destroyed on erasure with a tombstone left',
    sql: `
      CREATE TABLE personal_data_keys (
        subject TEXT PRIMARY KEY,
        key_id TEXT UNIQUE,
        material BLOB,
        wrapping TEXT,
        created_at TEXT,
        erased_at TEXT,
        CHECK ((erased_at IS NULL) = (material IS NOT NULL))
      ) STRICT`,
  },
];
