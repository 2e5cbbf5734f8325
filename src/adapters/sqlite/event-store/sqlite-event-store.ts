import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkReplay, expectedVersionMatches, wrongExpectedVersion } from '../../shared/event-store/append-rules.js';
import type {
  AppendError,
  AppendResult,
  EventStore,
  EventStoreUnavailable,
  EventToAppend,
  ExpectedVersion,
  RecordedEvent,
  StreamName,
} from '../../../application/ports/event-store.js';
import { describeCause, eventStoreUnavailable, invalidEventForStore, prepareBatch, type EncodedEvent, parseStoredJson } from '../../shared/event-store/index.js';
import { eventStoreMigrations } from '../schema/event-store-migrations.js';
import { runSqliteMigrations } from '../schema/sqlite-schema-migrations.js';
import { openOwnerOnlyDatabase } from '../shared/owner-only-database.js';

export interface SqliteEventStoreOptions {
  /** The database file, created with its directory if missing. Default `./data/kyc.sqlite`; `:memory:` for tests. */
  readonly filename?: string;
  /** How long an append waits for another process's write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

export const DEFAULT_SQLITE_FILENAME = './data/kyc.sqlite';
const DEFAULT_MAX_COUNT = 1000;
const MAX_SQLITE_INTEGER = (1n << 63n) - 1n;

/** Integer columns come back as bigint (positions need all 64 bits); versions are converted back to numbers. */
interface EventRow {
  readonly global_position: bigint;
  readonly stream_name: string;
  readonly stream_version: bigint;
  readonly event_id: string;
  readonly event_type: string;
  readonly schema_version: bigint;
  readonly data: string;
  readonly metadata: string;
}

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.event_type,
  schemaVersion: Number(row.schema_version),
  data: parseStoredJson(row.data),
  metadata: parseStoredJson(row.metadata) as RecordedEvent['metadata'],
  streamName: row.stream_name,
  streamVersion: Number(row.stream_version),
  globalPosition: row.global_position,
});

const codeOf = (error: unknown): unknown => (error instanceof Error ? (error as { readonly code?: unknown }).code : undefined);

/** What an append transaction decided; anything else it throws, which rolls it back. */
type AppendOutcome = E.Either<AppendError, AppendResult>;

/**
 * The embedded EventStore: one SQLite file in WAL mode (readers never block the writer), synchronous=FULL
 * so an acknowledged append survives a power cut, not only a crash. Appends run in an IMMEDIATE transaction
 * that holds the write lock from reading the stream's head to commit. better-sqlite3 is synchronous, so
 * each call runs to completion on the event loop; the TaskEither keeps the port's shape and catches every throw.
 */
export const createSqliteEventStore = (options: SqliteEventStoreOptions = {}): TaskEither<EventStoreUnavailable, EventStore> => async () => {
  const filename = options.filename ?? DEFAULT_SQLITE_FILENAME;
  try {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    const database = openOwnerOnlyDatabase(filename);
    try {
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      runSqliteMigrations(database, 'event-store', eventStoreMigrations);
      return E.right(sqliteEventStore(database));
    } catch (error) {
      database.close();
      throw error;
    }
  } catch (error) {
    return E.left(eventStoreUnavailable(`Cannot open the SQLite event store (${describeCause(error)})`, error));
  }
};

const sqliteEventStore = (database: Database.Database): EventStore => {
  const columns = 'global_position, stream_name, stream_version, event_id, event_type, schema_version, data, metadata';
  const head = database.prepare('SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_name = ?').pluck();
  const insert = database
    .prepare(
      'INSERT INTO events (stream_name, stream_version, event_id, event_type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .safeIntegers(true);
  const byId = database.prepare(`SELECT ${columns} FROM events WHERE event_id = ?`).safeIntegers(true);
  const streamEvents = database
    .prepare(`SELECT ${columns} FROM events WHERE stream_name = ? AND stream_version > ? ORDER BY stream_version`)
    .safeIntegers(true);
  const lastGlobalPosition = database.prepare('SELECT max(global_position) FROM events').pluck().safeIntegers(true);
  const allEvents = database
    .prepare(`SELECT ${columns} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`)
    .safeIntegers(true);
  let closed = false;
  const closedError = (): EventStoreUnavailable => eventStoreUnavailable('The SQLite event store is closed');

  const storedUnder = (batch: ReadonlyArray<EventToAppend>): ReadonlyMap<string, RecordedEvent> => {
    const stored = new Map<string, RecordedEvent>();
    for (const event of batch) {
      const row = byId.get(event.eventId) as EventRow | undefined;
      if (row !== undefined) stored.set(event.eventId, toRecordedEvent(row));
    }
    return stored;
  };

  /** The expectation failed or an id is taken: a replay, a duplicate or a plain version conflict. */
  const refused = (streamName: StreamName, expected: ExpectedVersion, batch: ReadonlyArray<EventToAppend>, actual: number): AppendOutcome => {
    const replay = checkReplay(streamName, batch, storedUnder(batch));
    if (replay.kind === 'conflict') return E.left(replay.error);
    if (replay.kind === 'replay') return E.right({ streamVersion: replay.last.streamVersion, globalPosition: replay.last.globalPosition });
    return E.left(wrongExpectedVersion(streamName, expected, actual));
  };

  const appendInTransaction = database.transaction(
    (streamName: StreamName, expected: ExpectedVersion, batch: ReadonlyArray<EventToAppend>, encoded: ReadonlyArray<EncodedEvent>): AppendOutcome => {
      const actual = head.get(streamName) as number;
      if (!expectedVersionMatches(expected, actual)) return refused(streamName, expected, batch, actual);
      // Nothing to write for an empty batch: only the expectation is checked, and there is no position.
      let globalPosition = 0n;
      batch.forEach((event, index) => {
        const json = encoded[index] as EncodedEvent;
        const info = insert.run(streamName, actual + index + 1, event.eventId, event.type, event.schemaVersion, json.data, json.metadata);
        globalPosition = BigInt(info.lastInsertRowid);
      });
      return E.right({ streamVersion: actual + batch.length, globalPosition });
    },
  );

  const append = (streamName: StreamName, expected: ExpectedVersion, batch: ReadonlyArray<EventToAppend>): AppendOutcome => {
    const encoded = prepareBatch(streamName, batch);
    if (E.isLeft(encoded)) return encoded;
    try {
      return appendInTransaction.immediate(streamName, expected, batch, encoded.right);
    } catch (error) {
      // The version held (we had the write lock), so a unique violation is an event id already used.
      if (codeOf(error) !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      return refused(streamName, expected, batch, head.get(streamName) as number);
    }
  };

  return {
    appendToStream: (streamName, expected, batch) => async () => {
      if (closed) return E.left(closedError());
      try {
        return append(streamName, expected, batch);
      } catch (error) {
        const first = batch[0];
        return E.left(
          codeOf(error) === 'SQLITE_TOOBIG' && first !== undefined
            ? invalidEventForStore(streamName, first.eventId, 'the batch holding it is too big for SQLite')
            : eventStoreUnavailable(`SQLite append failed (${describeCause(error)})`, error),
        );
      }
    },

    readStream: (streamName, options) => async () => {
      if (closed) return E.left(closedError());
      try {
        const read = database.transaction(() => ({
          streamVersion: head.get(streamName) as number,
          events: (streamEvents.all(streamName, options?.afterVersion ?? 0) as EventRow[]).map(toRecordedEvent),
        }));
        return E.right(read());
      } catch (error) {
        return E.left(eventStoreUnavailable(`SQLite read of a stream failed (${describeCause(error)})`, error));
      }
    },

    readAll: (options) => async () => {
      if (closed) return E.left(closedError());
      const after = options?.after ?? 0n;
      if (after >= MAX_SQLITE_INTEGER) return E.right([]);
      try {
        const rows = allEvents.all(after < 0n ? 0n : after, options?.maxCount ?? DEFAULT_MAX_COUNT) as EventRow[];
        return E.right(rows.map(toRecordedEvent));
      } catch (error) {
        return E.left(eventStoreUnavailable(`SQLite read of all streams failed (${describeCause(error)})`, error));
      }
    },

    lastPosition: () => async () => {
      if (closed) return E.left(closedError());
      try {
        const last = lastGlobalPosition.get() as bigint | null;
        return E.right(last === null ? undefined : last);
      } catch (error) {
        return E.left(eventStoreUnavailable(`SQLite read of the last position failed (${describeCause(error)})`, error));
      }
    },

    close: async () => {
      if (closed) return;
      closed = true;
      database.close();
    },
  };
};
