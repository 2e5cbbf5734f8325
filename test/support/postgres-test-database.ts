import pg from 'pg';
import { afterAll, describe } from 'vitest';

/**
 * The one place the PostgreSQL suites decide whether they can run. When the database does not answer,
 * they are skipped with a title that says loudly they did NOT run, except under CI (CI=true), where
 * that is a failure. Each suite gets isolated schemas, dropped when it ends.
 */
export const POSTGRES_TEST_URL = process.env['KYC_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresForTests {
  readonly available: boolean;
  readonly connectionString: string;
  /** `describe` when PostgreSQL answered (dropping this suite's schemas after it); otherwise a loudly skipped one. */
  readonly describe: (title: string, body: () => void) => void;
  /** Creates a new empty schema for this suite and returns its name. */
  readonly newSchema: () => Promise<string>;
  /** A query on a pool of the suite's own, outside any store. */
  readonly query: <Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<Row>>;
}

const reachable = async (connectionString: string): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
};

export const postgresForTests = async (suite: string): Promise<PostgresForTests> => {
  const connectionString = POSTGRES_TEST_URL;
  const failure = await reachable(connectionString);
  if (failure !== undefined) {
    const reason = `PostgreSQL at ${connectionString} is not reachable (${failure})`;
    if (process.env['CI'] === 'true') throw new Error(`${reason}; under CI the PostgreSQL suites must run (see .ci/ensure-postgres.sh)`);
    console.warn(`\n*** ${suite}: PostgreSQL tests NOT RUN: ${reason} ***\n`);
    return {
      available: false,
      connectionString,
      describe: (title, body) => describe.skip(`${title} — NOT RUN: ${reason}`, body),
      newSchema: () => Promise.reject(new Error(reason)),
      query: () => Promise.reject(new Error(reason)),
    };
  }
  const pool = new pg.Pool({ connectionString, max: 3 });
  pool.on('error', () => undefined);
  const schemas: string[] = [];
  const prefix = `t_${suite.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 24)}_${process.pid}`;
  return {
    available: true,
    connectionString,
    describe: (title, body) =>
      describe(title, () => {
        afterAll(async () => {
          for (const schema of schemas.splice(0)) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await pool.end();
        });
        body();
      }),
    newSchema: async () => {
      const schema = `${prefix}_${schemas.length}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      await pool.query(`CREATE SCHEMA "${schema}"`);
      return schema;
    },
    query: (text, values) => pool.query(text, values),
  };
};
