import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  personalDataKeysUnavailable,
  type KeyDestruction,
  type PersonalDataKeyStore,
  type PersonalDataKeysUnavailable,
} from '../../../application/ports/personal-data-key-store.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import { lookupOfKeyRow, type KeyRow } from '../../shared/personal-data-keys/index.js';
import { runSqliteMigrations } from '../schema/sqlite-schema-migrations.js';
import { personalDataKeyMigrations } from '../schema/personal-data-key-migrations.js';
import { openOwnerOnlyDatabase } from '../shared/owner-only-database.js';

export type SqlitePersonalDataKeyStoreOptions =
  /** The events' database file (the SQLite event store's `filename`): this store opens a connection of its own. */
  | { readonly filename: string; readonly busyTimeoutMs?: number }
  /** A connection to share (e.g. `:memory:` in tests); it is left open on close, but gets secure_delete turned on. */
  | { readonly database: Database.Database };

const unavailable = (operation: string, error: unknown): PersonalDataKeysUnavailable =>
  personalDataKeysUnavailable(`SQLite personal data key ${operation} failed (${describeCause(error)})`, safeCause(error));

/** Why a destroyed key may still be in the files: another connection kept the WAL from being emptied. */
export const SQLITE_PENDING_SCRUB = 'a reader held the database, so the WAL still holds the old key page: run the same erasure again';

/**
 * Personal data keys in the SQLite file of the events. A destroyed key must not linger in the file:
 * secure_delete makes SQLite overwrite freed content with zeros, and after each erasure the WAL (which still
 * holds the page as it was when the key was written) is checkpointed and truncated to nothing.
 */
export const createSqlitePersonalDataKeyStore = (
  options: SqlitePersonalDataKeyStoreOptions,
): TaskEither<PersonalDataKeysUnavailable, PersonalDataKeyStore> => async () => {
  let database: Database.Database;
  const owned = 'filename' in options;
  try {
    if ('filename' in options) {
      if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
      database = openOwnerOnlyDatabase(options.filename);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    } else {
      database = options.database;
    }
  } catch (error) {
    return E.left(unavailable('open', error));
  }
  try {
    database.pragma('secure_delete = ON');
    runSqliteMigrations(database, 'personal-data-keys', personalDataKeyMigrations);
  } catch (error) {
    if (owned) database.close();
    return E.left(unavailable('table creation', error));
  }
  return E.right(sqlitePersonalDataKeyStore(database, owned));
};

const sqlitePersonalDataKeyStore = (database: Database.Database, owned: boolean): PersonalDataKeyStore => {
  const columns = 'subject, key_id, material, wrapping, created_at, erased_at';
  const bySubject = database.prepare(`SELECT ${columns} FROM personal_data_keys WHERE subject = ?`);
  const byKeyId = database.prepare(`SELECT ${columns} FROM personal_data_keys WHERE key_id = ?`);
  const insertKey = database.prepare(
    'INSERT INTO personal_data_keys (subject, key_id, material, wrapping, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING',
  );
  const insertTombstone = database.prepare('INSERT INTO personal_data_keys (subject, erased_at) VALUES (?, ?)');
  const destroyKey = database.prepare('UPDATE personal_data_keys SET material = NULL, wrapping = NULL, erased_at = ? WHERE subject = ?');
  let closed = false;

  const run = <A>(operation: string, work: () => A): TaskEither<PersonalDataKeysUnavailable, A> => async () => {
    if (closed) return E.left(personalDataKeysUnavailable('The SQLite personal data key store is closed'));
    try {
      return E.right(work());
    } catch (error) {
      return E.left(unavailable(operation, error));
    }
  };

  const destroyInTransaction = database.transaction((subject: string, erasedAt: string): KeyDestruction['outcome'] => {
    const row = bySubject.get(subject) as KeyRow | undefined;
    if (row === undefined) {
      insertTombstone.run(subject, erasedAt);
      return 'no-key-recorded';
    }
    if (row.erased_at !== null) return 'already-erased';
    destroyKey.run(erasedAt, subject);
    return 'key-destroyed';
  });

  /** True when the WAL was emptied: no frame holding an old copy of the key remains. */
  const truncateWal = (): boolean => {
    const [result] = database.pragma('wal_checkpoint(TRUNCATE)') as Array<{ readonly busy: number }>;
    return result === undefined || result.busy === 0;
  };

  return {
    bySubject: (subject) => run('read', () => lookupOfKeyRow(bySubject.get(subject) as KeyRow | undefined)),
    byKeyIds: (keyIds) => run('read', () => new Map(keyIds.map((keyId) => [keyId, lookupOfKeyRow(byKeyId.get(keyId) as KeyRow | undefined)] as const))),
    createIfAbsent: (key) =>
      run('creation', () =>
        database
          .transaction(() => {
            insertKey.run(key.subject, key.keyId, Buffer.from(key.material), key.wrapping, key.createdAt);
            return lookupOfKeyRow(bySubject.get(key.subject) as KeyRow | undefined);
          })
          .immediate(),
      ),
    destroy: (subject, erasedAt) =>
      run('destruction', () => {
        const outcome = destroyInTransaction.immediate(subject, erasedAt);
        return truncateWal() ? { outcome, storageScrubbed: true } : { outcome, storageScrubbed: false, pendingScrub: SQLITE_PENDING_SCRUB };
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) database.close();
    },
  };
};
