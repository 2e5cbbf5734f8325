import pg from 'pg';
import type { BenchSubject } from './bench-subject.js';

/**
 * The practical limit for appends (issue 18): a plain multi-row INSERT into a table whose only index is the
 * unique (stream, version) key, the same columns, no head, no version check, no event-id or global-order
 * index. Only the append workloads run on it: it has no global order to read.
 */
export const plainInsertSubject = async (connectionString: string, schema: string): Promise<BenchSubject> => {
  // The adapter's and the raw baseline's pool size, so that 16 writers queue the same way on all three.
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`CREATE TABLE ${schema}.events (
      stream_name text NOT NULL, stream_version integer NOT NULL, event_id text NOT NULL, event_type text NOT NULL,
      schema_version integer NOT NULL, data json NOT NULL, metadata json NOT NULL,
      PRIMARY KEY (stream_name, stream_version))`);
  const insertText = (size: number): string =>
    `INSERT INTO ${schema}.events (stream_name, stream_version, event_id, event_type, schema_version, data, metadata) VALUES ` +
    Array.from({ length: size }, (_, k) => `($1, $2::integer + ${k + 1}, $${3 + 5 * k}, $${4 + 5 * k}, $${5 + 5 * k}, $${6 + 5 * k}, $${7 + 5 * k})`).join(', ');
  const notSupported = (): never => {
    throw new Error('plain INSERT: append workloads only');
  };
  return {
    name: 'plain INSERT, (stream, version) key only',
    append: async (stream, version, events) => {
      await pool.query({
        name: `plain-insert-${events.length}`,
        text: insertText(events.length),
        values: [stream, version, ...events.flatMap((event) => [event.eventId, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata)])],
      });
    },
    readStream: async () => notSupported(),
    readAllPage: async () => notSupported(),
    close: () => pool.end(),
  };
};
