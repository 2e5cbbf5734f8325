import type { PostgresMigration } from './postgres-schema-migrations.js';

/**
 * One row per subject, in the events' schema but in a table of its own. An erased subject keeps a
 * tombstone row (no material, the erasure date) so that nothing new is ever sealed for them again.
 */
export const personalDataKeyMigrations: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    description: 'personal data keys: one per subject, destroyed on erasure with a tombstone left',
    sql: `CREATE TABLE {schema}.personal_data_keys (
            subject text PRIMARY KEY,
            key_id text UNIQUE,
            material bytea,
            wrapping text,
            created_at text,
            erased_at text,
            CHECK ((erased_at IS NULL) = (material IS NOT NULL))
          )`,
  },
];
