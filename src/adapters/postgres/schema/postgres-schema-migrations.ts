import type { Pool } from 'pg';
import { withPooledClient } from '../shared/with-pooled-client.js';

/**
 * Versioned DDL for one component (the event store, the projection checkpoints, …) inside one schema.
 * Each migration runs once, in a transaction, recorded in `<schema>.schema_migrations`; concurrent
 * starters serialise on an advisory lock so two processes never race to create the same objects.
 */
export interface PostgresMigration {
  readonly version: number;
  readonly description: string;
  /** The DDL, with `{schema}` standing for the quoted schema name. */
  readonly sql: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export const isValidSchemaName = (schema: string): boolean => SCHEMA_NAME.test(schema);

export const quoteSchema = (schema: string): string => `"${schema}"`;

export const runMigrations = async (
  pool: Pool,
  schema: string,
  component: string,
  migrations: ReadonlyArray<PostgresMigration>,
): Promise<void> => {
  const quoted = quoteSchema(schema);
  await withPooledClient(pool, async (client) => {
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kyc-core-migrations:${schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
           component text NOT NULL,
           version integer NOT NULL,
           description text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (component, version)
         )`,
      );
      const applied = await client.query<{ version: number }>(
        `SELECT version FROM ${quoted}.schema_migrations WHERE component = $1`,
        [component],
      );
      const done = new Set(applied.rows.map((row) => row.version));
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query(migration.sql.replaceAll('{schema}', quoted));
        await client.query(
          `INSERT INTO ${quoted}.schema_migrations (component, version, description) VALUES ($1, $2, $3)`,
          [component, migration.version, migration.description],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
};
