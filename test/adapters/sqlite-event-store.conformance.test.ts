import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { createSqliteEventStore } from '../../src/adapters/sqlite/event-store/index.js';
import { describeEventStoreConformance } from '../../src/testing/event-store-conformance/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

describeEventStoreConformance('SQLite (WAL file in a temporary directory)', async () => {
  const directory = temporaryDirectory('sqlite-conformance');
  const opened = await createSqliteEventStore({ filename: join(directory.path, 'nested', 'events.sqlite') })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return { store: opened.right, teardown: async () => directory.remove() };
});

describeEventStoreConformance('SQLite (:memory:)', async () => {
  const opened = await createSqliteEventStore({ filename: ':memory:' })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return { store: opened.right, teardown: async () => undefined };
});
