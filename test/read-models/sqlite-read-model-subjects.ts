import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import type { SqliteUnitOfWork } from '../../src/adapters/sqlite/index.js';
import { createSqliteKycReadModel } from '../../src/adapters/sqlite/read-model/index.js';
import type { ProjectedKycReadModel } from '../../src/application/read-models/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import type { ReadModelOptions, ReadModelSubject } from './read-model-subject.js';

const open = async (filename: string, options: ReadModelOptions = {}): Promise<ProjectedKycReadModel<SqliteUnitOfWork>> => {
  const opened = await createSqliteKycReadModel({ filename, ...options })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return opened.right;
};

/** What the composition root uses with the in-memory event store. */
export const sqliteInMemory: ReadModelSubject<SqliteUnitOfWork> = {
  name: 'SQLite :memory:',
  fresh: async (options) => {
    const projected = await open(':memory:', options);
    return { projected, teardown: () => projected.close() };
  },
};

export const sqliteFile: ReadModelSubject<SqliteUnitOfWork> = {
  name: 'SQLite file',
  fresh: async (options) => {
    const directory = temporaryDirectory('sqlite-read-model');
    const filename = join(directory.path, 'nested', 'read-model.sqlite');
    const opened: Array<ProjectedKycReadModel<SqliteUnitOfWork>> = [await open(filename, options)];
    return {
      projected: opened[0] as ProjectedKycReadModel<SqliteUnitOfWork>,
      reopen: async () => {
        const again = await open(filename);
        opened.push(again);
        return again;
      },
      teardown: async () => {
        for (const projected of opened) await projected.close();
        directory.remove();
      },
    };
  },
};
