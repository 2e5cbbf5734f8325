import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import { createPostgresKycReadModel } from '../../src/adapters/postgres/read-model/index.js';
import type { ProjectedKycReadModel } from '../../src/application/read-models/index.js';
import type { PostgresForTests } from '../support/postgres-test-database.js';
import type { ReadModelOptions, ReadModelSubject } from './read-model-subject.js';

/** Each read model in a schema of its own (dropped with the suite's), on a pool of its own that `close` ends. */
export const postgresSubject = (postgres: PostgresForTests): ReadModelSubject<pg.PoolClient> => {
  const open = async (schema: string, options: ReadModelOptions = {}): Promise<ProjectedKycReadModel<pg.PoolClient>> => {
    const opened = await createPostgresKycReadModel({ connectionString: postgres.connectionString, schema, poolSize: 2, ...options })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    return opened.right;
  };
  return {
    name: 'PostgreSQL',
    fresh: async (options) => {
      const schema = await postgres.newSchema();
      const opened = [await open(schema, options)];
      return {
        projected: opened[0] as ProjectedKycReadModel<pg.PoolClient>,
        reopen: async () => {
          const again = await open(schema);
          opened.push(again);
          return again;
        },
        teardown: async () => {
          for (const projected of opened) await projected.close();
        },
      };
    },
  };
};
