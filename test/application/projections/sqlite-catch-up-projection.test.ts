import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { createSqliteCheckpointStore, createSqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import { sqliteEventsPerStreamType } from '../../support/example-projections/sqlite-events-per-stream-type.js';
import { describeProjectionScenario } from '../../support/projection-scenario.js';
import { temporaryDirectory } from '../../support/temporary-directory.js';

describeProjectionScenario('SQLite (read model and checkpoint in one file, one transaction)', async () => {
  const directory = temporaryDirectory('sqlite-projection');
  const opened = await createSqliteEventStore({ filename: join(directory.path, 'events.sqlite') })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const connections: Database.Database[] = [];
  return {
    events: opened.right,
    // A restart opens the read model file again on a new connection, as a new process would.
    restart: async () => {
      const database = new Database(join(directory.path, 'read-model.sqlite'));
      database.pragma('journal_mode = WAL');
      connections.push(database);
      const checkpoints = createSqliteCheckpointStore(database);
      if (E.isLeft(checkpoints)) throw new Error(checkpoints.left.message);
      return { checkpoints: checkpoints.right, readModel: sqliteEventsPerStreamType(database) };
    },
    transactional: true,
    teardown: async () => {
      for (const database of connections) database.close();
      await opened.right.close();
      directory.remove();
    },
  };
});
