import * as E from 'fp-ts/lib/Either.js';
import { describe, it } from 'vitest';
import { createSqliteKycReadModel } from '../../src/adapters/sqlite/read-model/index.js';
import { createPostgresKycReadModel } from '../../src/adapters/postgres/read-model/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { listDocumentsMatchesTheFoldedAggregates } from './list-documents.property.js';

const postgres = await postgresForTests('pg read model property');

describe('property: the read model lists what the folded aggregates say', () => {
  it('on SQLite (:memory:)', async () => {
    const opened = await createSqliteKycReadModel({ filename: ':memory:' })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    try {
      await listDocumentsMatchesTheFoldedAggregates(opened.right, 150);
    } finally {
      await opened.right.close();
    }
  });
});

postgres.describe('property: the read model lists what the folded aggregates say, PostgreSQL', () => {
  it('on PostgreSQL', async () => {
    const schema = await postgres.newSchema();
    const opened = await createPostgresKycReadModel({ connectionString: postgres.connectionString, schema, poolSize: 2 })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    try {
      await listDocumentsMatchesTheFoldedAggregates(opened.right, 30);
    } finally {
      await opened.right.close();
    }
  });
});
