import type { Database } from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import {
  checkpointMoved,
  checkpointStoreUnavailable,
  type CheckpointMoved,
  type CheckpointStore,
  type CheckpointStoreUnavailable,
} from '../../../application/ports/checkpoint-store.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import { checkpointMigrations } from '../schema/checkpoint-migrations.js';
import { runSqliteMigrations } from '../schema/sqlite-schema-migrations.js';

const unavailable = (operation: string, error: unknown): CheckpointStoreUnavailable =>
  checkpointStoreUnavailable(`SQLite checkpoint ${operation} failed (${describeCause(error)})`, safeCause(error));

/**
 * What a projection's update gets on SQLite: it queues its statements, and the checkpoint store runs them, the
 * checkpoint check and the checkpoint move in one synchronous IMMEDIATE transaction. Nothing may be awaited
 * while SQLite's write lock is held: other connections of the same process (the event store, the inbox) wait for
 * that lock by blocking the thread, so a lock held across an await would stall the whole service until their
 * busy timeout runs out, then fail their writes.
 */
export interface SqliteUnitOfWork {
  /** Runs `work` on the checkpoint store's connection, inside its transaction; a throw rolls everything back. */
  readonly defer: (work: () => void) => void;
}

/**
 * Checkpoints in the read model's own SQLite database, so the projection's update and the checkpoint
 * move commit together. Give this store a connection of its own (the read model's), and run the update's
 * statements on it through `defer`.
 */
export const createSqliteCheckpointStore = (database: Database): E.Either<CheckpointStoreUnavailable, CheckpointStore<SqliteUnitOfWork>> => {
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

  /**
   * Lets `prepare` queue its statements (it may await, holding no lock), then runs them and `finish` in one
   * synchronous IMMEDIATE transaction. `finish` answers a Left to roll back.
   */
  const inTransaction = async <L, M>(
    operation: string,
    prepare: (unit: SqliteUnitOfWork) => Promise<E.Either<L, void>>,
    finish: () => E.Either<M, void>,
  ): Promise<E.Either<L | M | CheckpointStoreUnavailable, void>> => {
    const queued: Array<() => void> = [];
    const prepared = await prepare({ defer: (work) => void queued.push(work) });
    if (E.isLeft(prepared)) return prepared;
    const commit = database.transaction((): E.Either<M, void> => {
      const finished = finish();
      if (E.isLeft(finished)) return finished;
      for (const work of queued) work();
      return finished;
    });
    try {
      return commit.immediate();
    } catch (error) {
      return E.left(unavailable(operation, error));
    }
  };

  const store: CheckpointStore<SqliteUnitOfWork> = {
    read: (projection) => async () => {
      try {
        return E.right(current(projection));
      } catch (error) {
        return E.left(unavailable('read', error));
      }
    },
    advance: (projection, from, to, update) => () =>
      inTransaction('advance', (unit) => update(unit)(), (): E.Either<CheckpointMoved, void> => {
        if (current(projection) !== from) return E.left(checkpointMoved(projection));
        upsert.run(projection, to.toString());
        return E.right(undefined);
      }),
    reset: (projection, clear) => () =>
      inTransaction('reset', (unit) => clear(unit)(), (): E.Either<never, void> => {
        remove.run(projection);
        return E.right(undefined);
      }),
  };
  return E.right(store);
};
