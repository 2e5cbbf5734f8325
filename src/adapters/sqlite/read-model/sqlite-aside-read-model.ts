import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { AsideKycReadModel } from '../../../application/ports/aside-kyc-read-model.js';
import type { ReadModelUnavailable } from '../../../application/ports/kyc-read-model.js';
import { KYC_READ_MODEL_PROJECTION } from '../../../application/read-models/kyc-read-model-projection.js';
import { readModelUnavailable } from '../../../application/ports/read-model-errors.js';
import { describeCause } from '../../shared/event-store/index.js';
import { createSqliteCheckpointStore, type SqliteUnitOfWork } from '../checkpoint-store/index.js';
import { readModelMigrations, READ_MODEL_TABLES } from '../schema/read-model-migrations.js';
import { runSqliteMigrations } from '../schema/sqlite-schema-migrations.js';
import { sqliteReadModelWriter } from './sqlite-read-model-writer.js';
import { openOwnerOnlyDatabase } from '../shared/owner-only-database.js';

/** Beside the served file (same disk, same directory rights); in the temp directory for a read model in memory. */
const asideFilename = (served: string): string => {
  const suffix = `.rebuild-${process.pid}-${randomBytes(4).toString('hex')}`;
  return served === ':memory:' ? join(tmpdir(), `kyc-read-model${suffix}.sqlite`) : join(dirname(served), `${basename(served)}${suffix}`);
};

const removeFile = (filename: string): void => {
  for (const extra of ['', '-journal', '-wal', '-shm']) rmSync(`${filename}${extra}`, { force: true });
};

/**
 * A rebuild's copy of the SQLite read model: a file of its own, written on a connection of its own (nothing there
 * holds the served file's write lock). The switch attaches it to the served connection and, in one IMMEDIATE
 * transaction, replaces every table's rows and the checkpoint with its own: readers of the served file see the old
 * rows or the new ones, never a mix, and the service's next batch finds its checkpoint moved and resumes from the new one.
 */
export const sqliteAsideReadModel = (served: Database.Database, servedFilename: string): TaskEither<ReadModelUnavailable, AsideKycReadModel<SqliteUnitOfWork>> => async () => {
  const filename = asideFilename(servedFilename);
  let database: Database.Database | undefined;
  try {
    database = openOwnerOnlyDatabase(filename);
    // A copy that a crash would only throw away: no need to make it durable before the switch reads it.
    database.pragma('synchronous = OFF');
    runSqliteMigrations(database, 'kyc-read-model', readModelMigrations);
  } catch (error) {
    database?.close();
    removeFile(filename);
    return E.left(readModelUnavailable(`Cannot create the SQLite read model to rebuild into (${describeCause(error)})`));
  }
  const checkpoints = createSqliteCheckpointStore(database);
  if (E.isLeft(checkpoints)) {
    database.close();
    removeFile(filename);
    return E.left(readModelUnavailable(checkpoints.left.message));
  }
  const aside = database;
  const columnsOf = (table: string): string =>
    (served.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(table) as string[]).map((column) => `"${column}"`).join(', ');

  return E.right({
    writer: sqliteReadModelWriter(aside),
    checkpoints: checkpoints.right,
    switchIn: () => async () => {
      try {
        aside.close();
        served.prepare('ATTACH DATABASE ? AS rebuilt').run(filename);
      } catch (error) {
        return E.left(readModelUnavailable(`Cannot open the rebuilt SQLite read model (${describeCause(error)})`));
      }
      try {
        served
          .transaction(() => {
            for (const table of READ_MODEL_TABLES) {
              const columns = columnsOf(table);
              served.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM rebuilt.${table}`);
            }
            served.prepare('DELETE FROM main.projection_checkpoints WHERE projection = ?').run(KYC_READ_MODEL_PROJECTION);
            served
              .prepare('INSERT INTO main.projection_checkpoints (projection, position) SELECT projection, position FROM rebuilt.projection_checkpoints WHERE projection = ?')
              .run(KYC_READ_MODEL_PROJECTION);
          })
          .immediate();
        return E.right(undefined);
      } catch (error) {
        return E.left(readModelUnavailable(`Cannot switch in the rebuilt SQLite read model (${describeCause(error)})`));
      } finally {
        try {
          served.exec('DETACH DATABASE rebuilt');
        } catch {
          // Still attached: the next rebuild attaches its own copy under the same name and fails, loudly; nothing is lost.
        }
      }
    },
    discard: async () => {
      if (aside.open) aside.close();
      removeFile(filename);
    },
  });
};
