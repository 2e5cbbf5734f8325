import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import {
  personalDataKeysUnavailable,
  type DataKeyLookup,
  type KeyDestruction,
  type PersonalDataKeyStore,
  type PersonalDataKeysUnavailable,
} from '../../../application/ports/personal-data-key-store.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import { lookupOfKeyRow, type KeyRow } from '../../shared/personal-data-keys/index.js';
import { isValidSchemaName, quoteSchema, runMigrations } from '../schema/postgres-schema-migrations.js';
import { personalDataKeyMigrations } from '../schema/personal-data-key-migrations.js';
import { createPostgresPool } from '../shared/create-postgres-pool.js';
import { withPooledClient } from '../shared/with-pooled-client.js';

export type PostgresPersonalDataKeyStoreOptions = {
  /** The events' schema (the PostgreSQL event store's `schema`, default `kyc_events`). */
  readonly schema?: string;
} & (
  | { readonly connectionString: string; readonly poolSize?: number }
  /** A pool to share; it is left open on close. */
  | { readonly pool: pg.Pool }
);

const unavailable = (operation: string, error: unknown): PersonalDataKeysUnavailable =>
  personalDataKeysUnavailable(`PostgreSQL personal data key ${operation} failed (${describeCause(error)})`, safeCause(error));

const DEFAULT_SCHEMA = 'kyc_events';

/** Why a destroyed key may still be on disk: the VACUUM after it failed, so its old row version is still there. */
export const POSTGRES_PENDING_SCRUB = "the key table's VACUUM failed, so the old row version may still be on disk: run the same erasure again";

/**
 * Personal data keys next to the events in PostgreSQL. Destroying a key leaves a dead row version behind
 * (MVCC), so each erasure vacuums the key table: the old version is then gone from the table once no older
 * transaction (or replication slot) can still see it, and its page space is marked free, not overwritten.
 * WAL archives and backups keep it until they expire (docs/auditors/personal-data.md). Every key is stored
 * wrapped by the master key, so none of these copies opens anything without it.
 */
export const createPostgresPersonalDataKeyStore = (
  options: PostgresPersonalDataKeyStoreOptions,
): TaskEither<PersonalDataKeysUnavailable, PersonalDataKeyStore> => async () => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!isValidSchemaName(schema)) return E.left(personalDataKeysUnavailable('PostgreSQL schema name must be a lower-case identifier'));
  const owned = !('pool' in options);
  const pool = 'pool' in options ? options.pool : createPostgresPool(options.connectionString, options.poolSize ?? 4);
  try {
    await runMigrations(pool, schema, 'personal-data-keys', personalDataKeyMigrations);
  } catch (error) {
    if (owned) await pool.end().catch(() => undefined);
    return E.left(unavailable('table creation', error));
  }
  return E.right(postgresPersonalDataKeyStore(pool, `${quoteSchema(schema)}.personal_data_keys`, owned));
};

const postgresPersonalDataKeyStore = (pool: pg.Pool, table: string, owned: boolean): PersonalDataKeyStore => {
  const columns = 'subject, key_id, material, wrapping, created_at, erased_at';
  let closed = false;

  const run = <A>(operation: string, work: () => Promise<A>): TaskEither<PersonalDataKeysUnavailable, A> => async () => {
    if (closed) return E.left(personalDataKeysUnavailable('The PostgreSQL personal data key store is closed'));
    try {
      return E.right(await work());
    } catch (error) {
      return E.left(unavailable(operation, error));
    }
  };

  const bySubject = async (subject: string): Promise<DataKeyLookup> =>
    lookupOfKeyRow((await pool.query<KeyRow>(`SELECT ${columns} FROM ${table} WHERE subject = $1`, [subject])).rows[0]);

  const destroyInTransaction = (subject: string, erasedAt: string): Promise<KeyDestruction['outcome']> =>
    withPooledClient(pool, async (client) => {
      try {
        await client.query('BEGIN');
        const row = (await client.query<KeyRow>(`SELECT ${columns} FROM ${table} WHERE subject = $1 FOR UPDATE`, [subject])).rows[0];
        let outcome: KeyDestruction['outcome'];
        if (row === undefined) {
          const inserted = await client.query(`INSERT INTO ${table} (subject, erased_at) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING`, [subject, erasedAt]);
          if (inserted.rowCount === 1) {
            outcome = 'no-key-recorded';
          } else {
            // Lost a race: with a first key being created (erase that one), or with another erasure (nothing left to do).
            const erased = await client.query(`UPDATE ${table} SET material = NULL, wrapping = NULL, erased_at = $2 WHERE subject = $1 AND erased_at IS NULL`, [subject, erasedAt]);
            outcome = erased.rowCount === 1 ? 'key-destroyed' : 'already-erased';
          }
        } else if (row.erased_at !== null) {
          outcome = 'already-erased';
        } else {
          await client.query(`UPDATE ${table} SET material = NULL, wrapping = NULL, erased_at = $2 WHERE subject = $1`, [subject, erasedAt]);
          outcome = 'key-destroyed';
        }
        await client.query('COMMIT');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });

  /** VACUUM cannot run in a transaction; failing here leaves the key destroyed but its old row version possibly on disk. */
  const vacuum = async (): Promise<boolean> => {
    try {
      await pool.query(`VACUUM ${table}`);
      return true;
    } catch {
      return false;
    }
  };

  return {
    bySubject: (subject) => run('read', () => bySubject(subject)),
    byKeyIds: (keyIds) =>
      run('read', async () => {
        const rows = (await pool.query<KeyRow>(`SELECT ${columns} FROM ${table} WHERE key_id = ANY($1::text[])`, [[...keyIds]])).rows;
        const found = new Map(rows.map((row) => [row.key_id as string, lookupOfKeyRow(row)] as const));
        return new Map(keyIds.map((keyId) => [keyId, found.get(keyId) ?? ({ kind: 'absent' } as const)] as const));
      }),
    createIfAbsent: (key) =>
      run('creation', async () => {
        await pool.query(
          `INSERT INTO ${table} (subject, key_id, material, wrapping, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject) DO NOTHING`,
          [key.subject, key.keyId, Buffer.from(key.material), key.wrapping, key.createdAt],
        );
        return bySubject(key.subject);
      }),
    destroy: (subject, erasedAt) =>
      run('destruction', async () => {
        const outcome = await destroyInTransaction(subject, erasedAt);
        return (await vacuum()) ? { outcome, storageScrubbed: true } : { outcome, storageScrubbed: false, pendingScrub: POSTGRES_PENDING_SCRUB };
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) await pool.end();
    },
  };
};
