import * as TE from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import { EXAMPLE_PROJECTION_NAME, streamTypeOf, type ExampleReadModel } from './stream-type.js';

/** Counts events per stream type in PostgreSQL, on the checkpoint's transaction; idempotent through a per-stream high-water version. */
export const postgresEventsPerStreamType = async (pool: pg.Pool, schema: string): Promise<ExampleReadModel<pg.PoolClient>> => {
  const heads = `"${schema}".example_stream_heads`;
  const counts = `"${schema}".example_type_counts`;
  await pool.query(`CREATE TABLE IF NOT EXISTS ${heads} (stream_name text PRIMARY KEY, version integer NOT NULL)`);
  await pool.query(`CREATE TABLE IF NOT EXISTS ${counts} (stream_type text PRIMARY KEY, events integer NOT NULL)`);
  const failed = () => ({ type: 'EXAMPLE_PROJECTION_FAILED', message: 'PostgreSQL example projection failed' });
  return {
    projection: {
      name: EXAMPLE_PROJECTION_NAME,
      apply: (events, tx) =>
        TE.tryCatch(async () => {
          for (const event of events) {
            const moved = await tx.query(
              `INSERT INTO ${heads} (stream_name, version) VALUES ($1, $2)
               ON CONFLICT (stream_name) DO UPDATE SET version = excluded.version WHERE excluded.version > ${heads}.version`,
              [event.streamName, event.streamVersion],
            );
            if (moved.rowCount === 1) {
              await tx.query(
                `INSERT INTO ${counts} (stream_type, events) VALUES ($1, 1) ON CONFLICT (stream_type) DO UPDATE SET events = ${counts}.events + 1`,
                [streamTypeOf(event.streamName)],
              );
            }
          }
        }, failed),
      clear: (tx) =>
        TE.tryCatch(async () => {
          await tx.query(`DELETE FROM ${heads}`);
          await tx.query(`DELETE FROM ${counts}`);
        }, failed),
    },
    counts: async () =>
      Object.fromEntries((await pool.query<{ stream_type: string; events: number }>(`SELECT stream_type, events FROM ${counts}`)).rows.map((row) => [row.stream_type, row.events])),
  };
};
