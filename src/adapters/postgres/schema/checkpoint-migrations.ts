import type { PostgresMigration } from './postgres-schema-migrations.js';

/** Positions are `numeric`: they are opaque bigints that may exceed 64 bits (see global-position.ts). */
export const checkpointMigrations: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    description: 'projection checkpoints',
    sql: `CREATE TABLE {schema}.projection_checkpoints (
            projection text PRIMARY KEY,
            position numeric NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
          )`,
  },
];
