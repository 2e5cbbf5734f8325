import type { SqliteMigration } from './sqlite-schema-migrations.js';

/** Positions are kept as decimal text: they are opaque bigints that may not fit in 64 bits (other stores' positions do not). */
export const checkpointMigrations: ReadonlyArray<SqliteMigration> = [
  {
    version: 1,
    description: 'projection checkpoints',
    sql: `CREATE TABLE projection_checkpoints (projection TEXT PRIMARY KEY, position TEXT NOT NULL) STRICT`,
  },
];
