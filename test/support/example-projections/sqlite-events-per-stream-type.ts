import type { Database } from 'better-sqlite3';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { EXAMPLE_PROJECTION_NAME, streamTypeOf, type ExampleReadModel } from './stream-type.js';

/** Counts events per stream type in SQLite; idempotent through a per-stream high-water version. */
export const sqliteEventsPerStreamType = (database: Database): ExampleReadModel<Database> => {
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
      // The statements run on the connection the checkpoint store's transaction is open on.
      apply: (events) =>
        TE.tryCatch(
          async () => {
            for (const event of events) {
              if (moveHead.run(event.streamName, event.streamVersion).changes === 1) count.run(streamTypeOf(event.streamName));
            }
          },
          () => ({ type: 'EXAMPLE_PROJECTION_FAILED', message: 'SQLite example projection failed' }),
        ),
      clear: () =>
        TE.tryCatch(
          async () => void database.exec('DELETE FROM example_stream_heads; DELETE FROM example_type_counts;'),
          () => ({ type: 'EXAMPLE_PROJECTION_FAILED', message: 'SQLite example projection clear failed' }),
        ),
    },
    counts: async () =>
      Object.fromEntries(
        (database.prepare('SELECT stream_type, events FROM example_type_counts').all() as Array<{ stream_type: string; events: number }>).map(
          (row) => [row.stream_type, row.events],
        ),
      ),
  };
};
