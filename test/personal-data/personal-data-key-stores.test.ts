import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll } from 'vitest';
import { createInMemoryPersonalDataKeyStore } from '../../src/adapters/in-memory/personal-data-keys/index.js';
import { createPostgresPersonalDataKeyStore } from '../../src/adapters/postgres/personal-data-keys/index.js';
import { createSqlitePersonalDataKeyStore } from '../../src/adapters/sqlite/personal-data-keys/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { describePersonalDataKeyStoreBehaviour } from './support/describe-personal-data-key-store-behaviour.js';

/** The key store behaviour on the adapters that run here (EventStoreDB's: test/adapters/eventstoredb-personal-data-key-store.test.ts). */
describePersonalDataKeyStoreBehaviour('in-memory', async () => {
  const store = createInMemoryPersonalDataKeyStore();
  return { store, teardown: () => store.close() };
});

const directory = temporaryDirectory('key-stores');
afterAll(() => directory.remove());
let files = 0;
describePersonalDataKeyStoreBehaviour('SQLite', async () => {
  const filename = join(directory.path, `keys-${files++}.sqlite`);
  const opened = await createSqlitePersonalDataKeyStore({ filename })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const atRest = async () =>
    Buffer.concat(readdirSync(directory.path).filter((name) => name.startsWith(`keys-${files - 1}.`)).map((name) => readFileSync(join(directory.path, name))));
  return { store: opened.right, atRest, teardown: () => opened.right.close() };
});

const postgres = await postgresForTests('personal-data-keys');
postgres.describe('PostgreSQL', () => {
  describePersonalDataKeyStoreBehaviour('PostgreSQL', async () => {
    const schema = await postgres.newSchema();
    const opened = await createPostgresPersonalDataKeyStore({ connectionString: postgres.connectionString, schema, poolSize: 3 })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const atRest = async () => {
      const rows = await postgres.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}".personal_data_keys t`);
      return Buffer.from(rows.rows.map((r) => r.row).join('\n'));
    };
    return { store: opened.right, atRest, teardown: () => opened.right.close() };
  });
});
