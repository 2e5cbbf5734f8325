import type { Database } from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import {
  checkpointMoved,
  checkpointStoreUnavailable,
  type CheckpointStore,
  type CheckpointStoreUnavailable,
} from '../../application/ports/checkpoint-store.js';
import { describeCause, oneAtATime, safeCause } from '../event-store-support/index.js';
import { checkpointMigrations } from './checkpoint-migrations.js';
import { runSqliteMigrations } from './sqlite-schema-migrations.js';

const unavailable = (operation: string, error: unknown): CheckpointStoreUnavailable =>
  checkpointStoreUnavailable(`SQLite checkpoint ${operation} failed (${describeCause(error)})`, safeCause(error));

/**
 * Checkpoints in the read model's own SQLite database, so the projection's update and the checkpoint
 * move commit together. The transaction handle is the connection itself: give this store a connection
 * of its own (the read model's), since anything else run on it during an update joins the transaction.
 */
export const createSqliteCheckpointStore = (database: Database): E.Either<CheckpointStoreUnavailable, CheckpointStore<Database>> => {
  try {
    runSqliteMigrations(database, 'projection-checkpoints', checkpointMigrations);
  } catch (error) {
    return E.left(unavailable('table creation', error));
  }
  const select = database.prepare('SELECT position FROM projection_checkpoints WHERE projection = ?').pluck();
  const upsert = database.prepare(
    'INSERT INTO projection_checkpoints (projection, position) VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position',
  );
  const remove = database.prepare('DELETE FROM projection_checkpoints WHERE projection = ?');
  const current = (projection: string): bigint | undefined => {
    const text = select.get(projection) as string | undefined;
    return text === undefined ? undefined : BigInt(text);
  };
  // A transaction spans the update's awaits, so two of them on this connection must never overlap.
  const serial = oneAtATime();

  /** Runs `work` inside BEGIN IMMEDIATE … COMMIT, rolling back on a Left or a throw. */
  const inTransaction = <L>(operation: string, work: () => Promise<E.Either<L, void>>): Promise<E.Either<L | CheckpointStoreUnavailable, void>> =>
    serial(async () => {
      try {
        database.exec('BEGIN IMMEDIATE');
      } catch (error) {
        return E.left(unavailable(operation, error));
      }
      try {
        const outcome = await work();
        database.exec(E.isRight(outcome) ? 'COMMIT' : 'ROLLBACK');
        return outcome;
      } catch (error) {
        if (database.inTransaction) database.exec('ROLLBACK');
        return E.left(unavailable(operation, error));
      }
    });

  const store: CheckpointStore<Database> = {
    read: (projection) => async () => {
      try {
        return E.right(current(projection));
      } catch (error) {
        return E.left(unavailable('read', error));
      }
    },
    advance: (projection, from, to, update) => () =>
      inTransaction('advance', async () => {
        if (current(projection) !== from) return E.left(checkpointMoved(projection));
        const updated = await update(database)();
        if (E.isLeft(updated)) return updated;
        upsert.run(projection, to.toString());
        return E.right(undefined);
      }),
    reset: (projection, clear) => () =>
      inTransaction('reset', async () => {
        const cleared = await clear(database)();
        if (E.isLeft(cleared)) return cleared;
        remove.run(projection);
        return E.right(undefined);
      }),
  };
  return E.right(store);
};
