import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import {
  checkpointMoved,
  checkpointStoreUnavailable,
  type CheckpointMoved,
  type CheckpointStore,
  type CheckpointStoreUnavailable,
} from '../../../application/ports/checkpoint-store.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import { checkpointMigrations } from '../schema/checkpoint-migrations.js';
import { isValidSchemaName, quoteSchema, runMigrations } from '../schema/postgres-schema-migrations.js';
import { withPooledClient } from '../shared/with-pooled-client.js';

export interface PostgresCheckpointStoreOptions {
  /** The read model's pool: the update runs on one of its connections, inside the checkpoint's transaction. */
  readonly pool: pg.Pool;
  /** The read model's schema, where `projection_checkpoints` is created. */
  readonly schema: string;
}

const unavailable = (operation: string, error: unknown): CheckpointStoreUnavailable =>
  checkpointStoreUnavailable(`PostgreSQL checkpoint ${operation} failed (${describeCause(error)})`, safeCause(error));

/**
 * Checkpoints next to the read model in PostgreSQL. `advance` moves the checkpoint first, with the
 * expected old value in the WHERE clause, so a second runner of the same projection waits on the row
 * lock and then finds it moved; then the update runs on the same connection and both commit together.
 */
export const createPostgresCheckpointStore = (
  options: PostgresCheckpointStoreOptions,
): TaskEither<CheckpointStoreUnavailable, CheckpointStore<pg.PoolClient>> => async () => {
  const { pool, schema } = options;
  if (!isValidSchemaName(schema)) return E.left(checkpointStoreUnavailable(`PostgreSQL schema name must be a lower-case identifier`));
  try {
    await runMigrations(pool, schema, 'projection-checkpoints', checkpointMigrations);
  } catch (error) {
    return E.left(unavailable('table creation', error));
  }
  const table = `${quoteSchema(schema)}.projection_checkpoints`;

  /** Runs `work` in BEGIN … COMMIT on one pooled connection, rolling back on a Left; a throw discards the connection (and so its transaction). */
  const inTransaction = <L>(
    operation: string,
    work: (client: pg.PoolClient) => Promise<E.Either<L, void>>,
  ): Promise<E.Either<L | CheckpointStoreUnavailable, void>> =>
    withPooledClient(pool, async (client) => {
      await client.query('BEGIN');
      const outcome = await work(client);
      await client.query(E.isRight(outcome) ? 'COMMIT' : 'ROLLBACK');
      return outcome;
    }).catch((error: unknown) => E.left(unavailable(operation, error)));

  const store: CheckpointStore<pg.PoolClient> = {
    read: (projection) => async () => {
      try {
        const result = await pool.query<{ position: string }>(`SELECT position::text AS position FROM ${table} WHERE projection = $1`, [projection]);
        const row = result.rows[0];
        return E.right(row === undefined ? undefined : BigInt(row.position));
      } catch (error) {
        return E.left(unavailable('read', error));
      }
    },
    advance: <L>(projection: string, from: bigint | undefined, to: bigint, update: (tx: pg.PoolClient) => TaskEither<L, void>) => () =>
      inTransaction<L | CheckpointMoved>('advance', async (client) => {
        const moved =
          from === undefined
            ? await client.query(`INSERT INTO ${table} (projection, position) VALUES ($1, $2) ON CONFLICT (projection) DO NOTHING`, [projection, to.toString()])
            : await client.query(`UPDATE ${table} SET position = $2, updated_at = now() WHERE projection = $1 AND position = $3`, [
                projection,
                to.toString(),
                from.toString(),
              ]);
        if (moved.rowCount !== 1) return E.left(checkpointMoved(projection));
        return update(client)();
      }),
    reset: (projection, clear) => () =>
      inTransaction('reset', async (client) => {
        await client.query(`DELETE FROM ${table} WHERE projection = $1`, [projection]);
        return clear(client)();
      }),
  };
  return E.right(store);
};
