import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { describeEventStoreConformance } from '../../src/testing/event-store-conformance/index.js';
import { ownPostgresForTests } from '../support/own-postgres-cluster.js';

/**
 * The conformance suite on a PostgreSQL cluster of this test's own, so that it can move the transaction
 * counter: the read-all checks start just below a power of ten (999 → 1000, 9,999 → 10,000, …) and page
 * across it, where a lexicographic order of transaction ids would cut the global order.
 */
const postgres = ownPostgresForTests('pg conformance');

postgres.describe('PostgreSQL event store', () => {
  describeEventStoreConformance(
    'PostgreSQL (a cluster of its own, a schema per check)',
    async () => {
      const schema = await postgres.newSchema();
      const opened = await createPostgresEventStore({ connectionString: postgres.cluster().url(), schema })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      return { store: opened.right, teardown: async () => undefined };
    },
    { approachPositionBoundary: () => postgres.approachPowerOfTen() },
  );
});
