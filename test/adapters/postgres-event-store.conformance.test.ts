import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { describeEventStoreConformance } from '../../src/testing/event-store-conformance/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';

const postgres = await postgresForTests('pg conformance');

postgres.describe('PostgreSQL event store', () => {
  describeEventStoreConformance('PostgreSQL (a schema per check)', async () => {
    const schema = await postgres.newSchema();
    const opened = await createPostgresEventStore({ connectionString: postgres.connectionString, schema })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    return { store: opened.right, teardown: async () => undefined };
  });
});
