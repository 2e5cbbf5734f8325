import type { Database } from 'better-sqlite3';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { SqliteUnitOfWork } from '../../../src/adapters/sqlite/index.js';
import { EXAMPLE_PROJECTION_NAME, streamTypeOf, type ExampleReadModel } from './stream-type.js';

/** Counts events per stream type in SQLite; idempotent through a per-stream high-water version. */
export const sqliteEventsPerStreamType = (database: Database): ExampleReadModel<SqliteUnitOfWork> => {
  database.exec(`
    CREATE TABLE IF NOT EXISTS example_stream_heads (stream_name TEXT PRIMARY KEY, version INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS example_type_counts (stream_type TEXT PRIMARY KEY, events INTEGER NOT NULL);`);
  const moveHead = database.prepare(
    `INSERT INTO example_stream_heads (stream_name, version) VALUES (?, ?)
     ON CONFLICT (stream_name) DO UPDATE SET version = excluded.version WHERE excluded.version > example_stream_heads.version`,
  );
  const count = database.prepare(
    'INSERT INTO example_type_counts (stream_type, events) VALUES (?, 1) ON CONFLICT (stream_type) DO UPDATE SET events = events + 1',
  );
  return {
    projection: {
      name: EXAMPLE_PROJECTION_NAME,
      // The statements are queued on the checkpoint store's unit of work, which runs them in its transaction.
      apply: (events, unit) =>
        TE.right(
          unit.defer(() => {
            for (const event of events) {
              if (moveHead.run(event.streamName, event.streamVersion).changes === 1) count.run(streamTypeOf(event.streamName));
            }
          }),
        ),
      clear: (unit) => TE.right(unit.defer(() => void database.exec('DELETE FROM example_stream_heads; DELETE FROM example_type_counts;'))),
    },
    counts: async () =>
      Object.fromEntries(
        (database.prepare('SELECT stream_type, events FROM example_type_counts').all() as Array<{ stream_type: string; events: number }>).map(
          (row) => [row.stream_type, row.events],
        ),
      ),
  };
};
