import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresCheckpointStore, createPostgresPersonalDataKeyStore } from '../../src/adapters/postgres/index.js';
import { runMigrations } from '../../src/adapters/postgres/schema/postgres-schema-migrations.js';
import { withPooledClient } from '../../src/adapters/postgres/shared/with-pooled-client.js';
import { postgresForTests } from '../support/postgres-test-database.js';

/**
 * A connection checked out of a pool (a transaction, a migration) whose server backend dies while it is out, as
 * in a PostgreSQL restart: the client emits 'error', which with no listener killed the process (issue 11). Each
 * site's backend is terminated while it waits on a lock held by another session (or, in a transaction, between two
 * statements), and the adapter must answer a typed Left and go on serving from the same pool.
 */
const postgres = await postgresForTests('checked-out-connection-loss');

let admin: pg.Pool;
let pool: pg.Pool;

/** Terminates the backend that waits on a lock with a statement containing `marker` (bounded polling: it is about to wait). */
const terminateWaiterOn = async (marker: string): Promise<void> => {
  for (let round = 0; round < 200; round++) {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1 AND pid <> pg_backend_pid()`,
      [`%${marker}%`],
    );
    if (rows[0] !== undefined) {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no session waited on a lock with ${marker}`);
};

/** Another session holding `lock` (SQL run in an open transaction) until the returned function is called. */
const holding = async (lock: string, values: unknown[] = []): Promise<() => Promise<void>> => {
  const client = new pg.Client({ connectionString: postgres.connectionString });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query(lock, values);
  return async () => {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  };
};

postgres.describe('a checked-out PostgreSQL connection whose backend dies', () => {
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
    pool = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
    // The idle clients' errors, as the service's pools have; the checked-out ones are what is under test.
    admin.on('error', () => undefined);
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    await pool.end();
    await admin.end();
  });

  it('never hands out again a client whose work failed, nor keeps one whose connection died', async () => {
    const pidOf = (client: pg.PoolClient) => client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid').then((result) => result.rows[0]?.pid);
    let failed: number | undefined;
    await expect(
      withPooledClient(pool, async (client) => {
        failed = await pidOf(client);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    const died = await withPooledClient(pool, async (client) => {
      const pid = await pidOf(client);
      const gone = new Promise((resolve) => client.once('end', resolve));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await gone;
      return pid;
    });
    expect(pool.totalCount).toBe(0);
    const next = await withPooledClient(pool, pidOf);
    expect([failed, died]).not.toContain(next);
  });

  it('fails a migration with the error, and the pool serves the next one', async () => {
    const schema = await postgres.newSchema();
    const release = await holding('SELECT pg_advisory_xact_lock(hashtext($1))', [`kyc-core-migrations:${schema}`]);
    const migration = runMigrations(pool, schema, 'loss-test', [{ version: 1, description: 'a table', sql: 'CREATE TABLE {schema}.t (n int)' }]);
    await terminateWaiterOn('pg_advisory_xact_lock');
    await expect(migration).rejects.toBeInstanceOf(Error);
    await release();
    await runMigrations(pool, schema, 'loss-test', [{ version: 1, description: 'a table', sql: 'CREATE TABLE {schema}.t (n int)' }]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`)).rows[0].n).toBe(1);
  });

  it('answers a checkpoint advance CHECKPOINT_STORE_UNAVAILABLE, and advances on the next call', async () => {
    const schema = await postgres.newSchema();
    const store = await createPostgresCheckpointStore({ pool, schema })();
    if (E.isLeft(store)) throw new Error(store.left.message);
    const checkpoints = store.right;
    expect(E.isRight(await checkpoints.advance('p', undefined, 1n, () => TE.right(undefined))())).toBe(true);
    // Inside the transaction, between two statements, the connection's backend is terminated.
    const failed = await checkpoints.advance('p', 1n, 2n, (tx) => async () => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const gone = new Promise((resolve) => {
        tx.once('end', resolve);
        // Bounded: without a listener the client's 'error' is thrown first and 'end' never comes.
        setTimeout(resolve, 5_000).unref();
      });
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await gone;
      return E.right(undefined);
    })();
    expect(E.isLeft(failed) && failed.left.type).toBe('CHECKPOINT_STORE_UNAVAILABLE');
    expect(E.isRight(await checkpoints.advance('p', 1n, 2n, () => TE.right(undefined))())).toBe(true);
    expect(await checkpoints.read('p')()).toEqual(E.right(2n));
  });

  it('answers a key destruction PERSONAL_DATA_KEYS_UNAVAILABLE, and destroys it on the next call', async () => {
    const schema = await postgres.newSchema();
    const created = await createPostgresPersonalDataKeyStore({ pool, schema })();
    if (E.isLeft(created)) throw new Error(created.left.message);
    const keys = created.right;
    const key = { subject: 'user-1', keyId: 'key-1', material: new Uint8Array(32), wrapping: 'test', createdAt: '2024-01-01T00:00:00.000Z' };
    expect(E.isRight(await keys.createIfAbsent(key)())).toBe(true);
    const release = await holding(`SELECT * FROM "${schema}".personal_data_keys WHERE subject = 'user-1' FOR UPDATE`);
    const destruction = keys.destroy('user-1', '2024-02-01T00:00:00.000Z')();
    await terminateWaiterOn('FOR UPDATE');
    const failed = await destruction;
    expect(E.isLeft(failed) && failed.left.type).toBe('PERSONAL_DATA_KEYS_UNAVAILABLE');
    await release();
    const destroyed = await keys.destroy('user-1', '2024-02-01T00:00:00.000Z')();
    expect(E.isRight(destroyed) && destroyed.right.outcome).toBe('key-destroyed');
  });
});
