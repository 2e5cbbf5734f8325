import type { Database } from 'better-sqlite3';

/**
 * Versioned DDL for one component (the event store, the projection checkpoints, …) in one SQLite file.
 * Each migration runs once, recorded in `schema_migrations`; the IMMEDIATE transaction serialises
 * processes that open the same file at the same time.
 */
export interface SqliteMigration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const runSqliteMigrations = (database: Database, component: string, migrations: ReadonlyArray<SqliteMigration>): void => {
  database
    .transaction(() => {
      database.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           component TEXT NOT NULL,
           version INTEGER NOT NULL,
           description TEXT NOT NULL,
           applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
           PRIMARY KEY (component, version)
         ) STRICT`,
      );
      const done = new Set(
        database.prepare('SELECT version FROM schema_migrations WHERE component = ?').pluck().all(component) as number[],
      );
      const record = database.prepare('INSERT INTO schema_migrations (component, version, description) VALUES (?, ?, ?)');
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        database.exec(migration.sql);
        record.run(component, migration.version, migration.description);
      }
    })
    .immediate();
};
