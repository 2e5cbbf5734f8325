import * as E from 'fp-ts/lib/Either.js';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, createSqliteKycReadModel, createSqlitePersonalDataKeyStore } from '../../src/adapters/sqlite/index.js';
import { ExpectedVersion } from '../../src/application/ports/event-store.js';
import { anEvent } from '../../src/testing/event-store-conformance/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** Every SQLite file the service creates holds events, the read model or wrapped keys: only its owner may read it. */
describe('SQLite files the adapters create', () => {
  it('are 0600, with their -wal and -shm files, whatever the umask, wherever they are', async () => {
    const folder = temporaryDirectory('sqlite-modes');
    const previous = process.umask(0o022);
    try {
      const events = join(folder.path, 'outside', 'the', 'data', 'dir', 'events.sqlite');
      const store = await createSqliteEventStore({ filename: events })();
      if (E.isLeft(store)) throw new Error(store.left.message);
      expect(E.isRight(await store.right.appendToStream('s-1', ExpectedVersion.noStream, [anEvent({ n: 1 })])())).toBe(true);
      const readModel = await createSqliteKycReadModel({ filename: join(folder.path, 'elsewhere', 'read-model.sqlite') })();
      if (E.isLeft(readModel)) throw new Error(readModel.left.message);
      const keys = await createSqlitePersonalDataKeyStore({ filename: join(folder.path, 'keys.sqlite') })();
      if (E.isLeft(keys)) throw new Error(keys.left.message);
      const files = [events, join(folder.path, 'elsewhere', 'read-model.sqlite'), join(folder.path, 'keys.sqlite')].flatMap((file) =>
        [file, `${file}-wal`, `${file}-shm`].filter((path) => existsSync(path)),
      );
      expect(files.length).toBeGreaterThanOrEqual(5);
      expect(Object.fromEntries(files.map((file) => [file.slice(folder.path.length), modeOf(file)]))).toEqual(
        Object.fromEntries(files.map((file) => [file.slice(folder.path.length), '600'])),
      );
      await store.right.close();
      await readModel.right.close();
      await keys.right.close();
    } finally {
      process.umask(previous);
      folder.remove();
    }
  });
});
