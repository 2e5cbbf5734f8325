import pg from 'pg';
import { eventStoreStatements } from '../../src/adapters/postgres/event-store/event-store-statements.js';
import type { BenchSubject } from './bench-subject.js';

/**
 * The practical limit: node-postgres running the very statements of the adapter (same SQL, same
 * version check in the insert, prepared the same way), with no error mapping, no replay logic and no
 * conversion of rows into events.
 */
export const rawPostgresSubject = (connectionString: string, schema: string): BenchSubject => {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const statements = eventStoreStatements(schema);
  return {
    name: 'raw pg, same SQL',
    append: async (stream, version, events) => {
      const encoded = events.map((event) => ({ data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) }));
      const result = await pool.query(statements.appendAt(stream, version, events, encoded));
      if (result.rowCount !== events.length) throw new Error('raw pg: expected version did not hold');
    },
    readStream: async (stream) => (await pool.query(statements.readStream(stream, 0))).rowCount ?? 0,
    readAllPage: async (after, maxCount) => {
      const position = after ?? 0n;
      const rows = (await pool.query<{ transaction_id: string; stream_version: number }>(
        statements.readAll((position >> 32n).toString(), Number(position & 0xffffffffn), maxCount),
      )).rows;
      const last = rows[rows.length - 1];
      return { count: rows.length, last: last === undefined ? undefined : (BigInt(last.transaction_id) << 32n) | BigInt(last.stream_version) };
    },
    close: () => pool.end(),
  };
};
