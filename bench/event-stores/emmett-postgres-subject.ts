import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { BenchSubject } from './bench-subject.js';

/** Emmett's PostgreSQL event store (0.42) on the same workload, in a database of its own (its tables live in `public`). */
export const emmettPostgresSubject = (connectionString: string): BenchSubject => {
  const store = getPostgreSQLEventStore(connectionString);
  const pool = dumbo({ connectionString });
  return {
    name: 'Emmett PostgreSQL 0.42',
    append: async (stream, version, events) => {
      await store.appendToStream(
        stream,
        events.map((event) => ({ type: event.type, data: event.data, metadata: event.metadata })),
        { expectedStreamVersion: BigInt(version) },
      );
    },
    readStream: async (stream) => (await store.readStream(stream)).events.length,
    readAllPage: async (after, maxCount) => {
      const batch = await readMessagesBatch(pool.execute, after === undefined ? { from: 0n, batchSize: maxCount } : { after, batchSize: maxCount });
      return { count: batch.messages.length, last: batch.messages[batch.messages.length - 1]?.metadata.globalPosition };
    },
    close: async () => {
      await store.close();
      await pool.close();
    },
  };
};
