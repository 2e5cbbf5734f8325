import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { createPostgresCheckpointStore, createPostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { postgresEventsPerStreamType } from '../../support/example-projections/postgres-events-per-stream-type.js';
import { postgresForTests } from '../../support/postgres-test-database.js';
import { describeProjectionScenario } from '../../support/projection-scenario.js';

const postgres = await postgresForTests('pg projection');

postgres.describe('PostgreSQL projections', () => {
  describeProjectionScenario('PostgreSQL (read model and checkpoint in one schema, one transaction)', async () => {
    const eventsSchema = await postgres.newSchema();
    const readModelSchema = await postgres.newSchema();
    const opened = await createPostgresEventStore({ connectionString: postgres.connectionString, schema: eventsSchema })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const pools: pg.Pool[] = [];
    return {
      events: opened.right,
      // A restart is a new pool on the same schema, as a new process would have.
      restart: async () => {
        const pool = new pg.Pool({ connectionString: postgres.connectionString, max: 4 });
        pools.push(pool);
        const checkpoints = await createPostgresCheckpointStore({ pool, schema: readModelSchema })();
        if (E.isLeft(checkpoints)) throw new Error(checkpoints.left.message);
        return { checkpoints: checkpoints.right, readModel: await postgresEventsPerStreamType(pool, readModelSchema) };
      },
      transactional: true,
      teardown: async () => {
        for (const pool of pools) await pool.end();
        await opened.right.close();
      },
    };
  });
});
