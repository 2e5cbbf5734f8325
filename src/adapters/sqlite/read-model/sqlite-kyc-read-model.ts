import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadModelUnavailable } from '../../../application/ports/kyc-read-model.js';
import { kycReadModelProjection } from '../../../application/read-models/kyc-read-model-projection.js';
import type { ProjectedKycReadModel } from '../../../application/ports/projected-kyc-read-model.js';
import { readModelUnavailable, type ReadModelEventUnreadable } from '../../../application/ports/read-model-errors.js';
import { describeCause } from '../../shared/event-store/index.js';
import { createSqliteCheckpointStore, type SqliteUnitOfWork } from '../checkpoint-store/index.js';
import { runSqliteMigrations } from '../schema/sqlite-schema-migrations.js';
import { readModelMigrations } from '../schema/read-model-migrations.js';
import { sqliteAsideReadModel } from './sqlite-aside-read-model.js';
import { sqliteReadModelQueries } from './sqlite-read-model-queries.js';
import { sqliteReadModelWriter } from './sqlite-read-model-writer.js';
import { openOwnerOnlyDatabase } from '../shared/owner-only-database.js';

export interface SqliteKycReadModelOptions {
  /**
   * The read model's file, created with its directory if missing; it may be the event store's file (the
   * tables do not clash). `:memory:` keeps it in this connection only, for the in-memory event store.
   * Default `./data/kyc-read-model.sqlite`.
   */
  readonly filename?: string;
  /** How long a write waits for another process's lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Told once of each stream the projection sets aside because an event of it no longer decodes. */
  readonly onStreamSetAside?: (unreadable: ReadModelEventUnreadable) => void;
}

export const DEFAULT_SQLITE_READ_MODEL_FILENAME = './data/kyc-read-model.sqlite';

/**
 * The KYC read model in SQLite, with its checkpoint in the same database. One connection of its own serves
 * the projection, the checkpoint and the queries (an in-memory database exists only in its connection).
 * A batch and its checkpoint are written in one synchronous transaction, so a query never sees half a batch
 * and no write lock is held across an await. A rebuild builds a file of its own and switches it in (see
 * sqlite-aside-read-model.ts). synchronous=NORMAL: a power cut may lose the last batches, never
 * split one from its checkpoint, and the runner applies them again.
 */
export const createSqliteKycReadModel = (
  options: SqliteKycReadModelOptions = {},
): TaskEither<ReadModelUnavailable, ProjectedKycReadModel<SqliteUnitOfWork>> => async () => {
  const filename = options.filename ?? DEFAULT_SQLITE_READ_MODEL_FILENAME;
  let database: Database.Database | undefined;
  try {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    database = openOwnerOnlyDatabase(filename);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    runSqliteMigrations(database, 'kyc-read-model', readModelMigrations);
  } catch (error) {
    database?.close();
    return E.left(readModelUnavailable(`Cannot open the SQLite read model (${describeCause(error)})`));
  }
  const checkpoints = createSqliteCheckpointStore(database);
  if (E.isLeft(checkpoints)) {
    database.close();
    return E.left(readModelUnavailable(checkpoints.left.message));
  }
  const opened = database;
  return E.right({
    readModel: sqliteReadModelQueries(opened),
    projection: kycReadModelProjection(sqliteReadModelWriter(opened), options.onStreamSetAside),
    checkpoints: checkpoints.right,
    buildAside: () => sqliteAsideReadModel(opened, filename),
    close: async () => {
      if (opened.open) opened.close();
    },
  });
};
