import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import type { ReadModelUnavailable } from '../../../application/ports/kyc-read-model.js';
import { kycReadModelProjection } from '../../../application/read-models/kyc-read-model-projection.js';
import type { ProjectedKycReadModel } from '../../../application/ports/projected-kyc-read-model.js';
import { readModelUnavailable, type ReadModelEventUnreadable } from '../../../application/ports/read-model-errors.js';
import { describeCause } from '../../shared/event-store/index.js';
import { createPostgresCheckpointStore } from '../checkpoint-store/index.js';
import { createPostgresPool } from '../shared/create-postgres-pool.js';
import { isValidSchemaName, runMigrations } from '../schema/postgres-schema-migrations.js';
import { postgresAsideReadModel } from './postgres-aside-read-model.js';
import { postgresReadModelQueries } from './postgres-read-model-queries.js';
import { postgresReadModelWriter } from './postgres-read-model-writer.js';
import { readModelMigrations } from '../schema/read-model-migrations.js';

export type PostgresKycReadModelOptions = (
  | {
      /** A pool of the caller's: used as it is, and not ended by `close`. */
      readonly pool: pg.Pool;
    }
  | {
      readonly connectionString: string;
      /** Connections in the read model's own pool. Default 4. */
      readonly poolSize?: number;
    }
) & {
  /** The read model's own schema (tables and checkpoint), created and migrated on start. Default `kyc_read_model`. */
  readonly schema?: string;
  /** Told once of each stream the projection sets aside because an event of it no longer decodes. */
  readonly onStreamSetAside?: (unreadable: ReadModelEventUnreadable) => void;
};

export const DEFAULT_POSTGRES_READ_MODEL_SCHEMA = 'kyc_read_model';

/**
 * The KYC read model in PostgreSQL, with its checkpoint in the same schema: each batch and the move of the
 * checkpoint commit in one transaction on one pooled connection. Queries use the pool. A rebuild builds a schema
 * of its own and switches it in (see postgres-aside-read-model.ts).
 */
export const createPostgresKycReadModel = (
  options: PostgresKycReadModelOptions,
): TaskEither<ReadModelUnavailable, ProjectedKycReadModel<pg.PoolClient>> => async () => {
  const schema = options.schema ?? DEFAULT_POSTGRES_READ_MODEL_SCHEMA;
  if (!isValidSchemaName(schema)) return E.left(readModelUnavailable('PostgreSQL read model schema name must be a lower-case identifier'));
  const owned = 'pool' in options ? undefined : createPostgresPool(options.connectionString, options.poolSize ?? 4);
  const pool = 'pool' in options ? options.pool : (owned as pg.Pool);
  const release = async (): Promise<void> => {
    await owned?.end().catch(() => undefined);
  };
  try {
    await runMigrations(pool, schema, 'kyc-read-model', readModelMigrations);
  } catch (error) {
    await release();
    return E.left(readModelUnavailable(`Cannot prepare the PostgreSQL read model schema ${schema} (${describeCause(error)})`));
  }
  const checkpoints = await createPostgresCheckpointStore({ pool, schema })();
  if (E.isLeft(checkpoints)) {
    await release();
    return E.left(readModelUnavailable(checkpoints.left.message));
  }
  let closed = false;
  return E.right({
    readModel: postgresReadModelQueries(pool, schema),
    projection: kycReadModelProjection(postgresReadModelWriter(schema), options.onStreamSetAside),
    checkpoints: checkpoints.right,
    buildAside: () => postgresAsideReadModel(pool, schema),
    close: async () => {
      if (closed) return;
      closed = true;
      await release();
    },
  });
};
