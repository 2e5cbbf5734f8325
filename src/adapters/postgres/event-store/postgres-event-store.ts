import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
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
import { describeCause, eventStoreUnavailable, isStorableName, prepareBatch, type EncodedEvent } from '../../shared/event-store/index.js';
import { eventsOf, toRecordedEvent, type EventRow, type HeadAndMaybeEventRow } from './event-rows.js';
import { eventStoreMigrations } from '../schema/event-store-migrations.js';
import { eventStoreStatements } from './event-store-statements.js';
import { decodePosition, encodePosition } from './global-position.js';
import { createPostgresPool } from '../shared/create-postgres-pool.js';
import { isUniqueViolation, refusedBatch } from '../shared/postgres-errors.js';
import { isValidSchemaName, runMigrations } from '../schema/postgres-schema-migrations.js';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** The schema that holds the events table; created and migrated on start. Default `kyc_events`. */
  readonly schema?: string;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
}

const DEFAULT_SCHEMA = 'kyc_events';
const DEFAULT_MAX_COUNT = 1000;
/** Each retry means another writer moved the stream between our two statements: progress elsewhere. */
const MAX_APPEND_ATTEMPTS = 20;

/** Runs a driver call, turning a rejection into a Left so no error escapes as a throw. */
const attempt = <A>(run: () => Promise<A>): Promise<E.Either<unknown, A>> =>
  run().then(E.right, (error: unknown) => E.left(error));

/**
 * The PostgreSQL EventStore. Appends are one optimistic statement (head, version check and insert
 * together); only when it fails is the replay or the conflict looked at. Global positions follow
 * transaction ids and readers stop below the oldest transaction in flight: see global-position.ts.
 */
export const createPostgresEventStore = (options: PostgresEventStoreOptions): TaskEither<EventStoreUnavailable, EventStore> => async () => {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!isValidSchemaName(schema)) {
    return E.left(eventStoreUnavailable(`PostgreSQL schema name must be a lower-case identifier, got ${JSON.stringify(schema)}`));
  }
  const pool = createPostgresPool(options.connectionString, options.poolSize ?? 10);
  const migrated = await attempt(() => runMigrations(pool, schema, 'event-store', eventStoreMigrations));
  if (E.isLeft(migrated)) {
    await pool.end().catch(() => undefined);
    return E.left(eventStoreUnavailable(`Cannot prepare the PostgreSQL event store schema ${schema} (${describeCause(migrated.left)})`, migrated.left));
  }
  return E.right(postgresEventStore(pool, schema));
};

const postgresEventStore = (pool: pg.Pool, schema: string): EventStore => {
  const statements = eventStoreStatements(schema);
  let closed = false;
  const closedError = (): EventStoreUnavailable => eventStoreUnavailable('The PostgreSQL event store is closed');
  const failed = (operation: string, error: unknown): EventStoreUnavailable =>
    closed ? closedError() : eventStoreUnavailable(`PostgreSQL ${operation} failed (${describeCause(error)})`, error);

  const lookClose = async (
    streamName: StreamName,
    batch: ReadonlyArray<EventToAppend>,
  ): Promise<E.Either<unknown, { readonly head: number; readonly stored: ReadonlyMap<string, RecordedEvent> }>> => {
    const result = await attempt(() => pool.query<HeadAndMaybeEventRow>(statements.lookClose(streamName, batch.map((event) => event.eventId))));
    if (E.isLeft(result)) return result;
    const stored = new Map(eventsOf(result.right.rows).map((event) => [event.eventId, event] as const));
    return E.right({ head: result.right.rows[0]?.head ?? 0, stored });
  };

  const appendBatch = async (
    streamName: StreamName,
    expected: ExpectedVersion,
    batch: ReadonlyArray<EventToAppend>,
    encoded: ReadonlyArray<EncodedEvent>,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    const knownVersion = expected.kind === 'exact' ? expected.version : expected.kind === 'no-stream' ? 0 : undefined;
    for (let attemptNumber = 0; attemptNumber < MAX_APPEND_ATTEMPTS; attemptNumber++) {
      const inserted = await attempt(() =>
        pool.query<Pick<EventRow, 'transaction_id' | 'stream_version'>>(
          knownVersion === undefined ? statements.append(streamName, expected, batch, encoded) : statements.appendAt(streamName, knownVersion, batch, encoded),
        ),
      );
      if (E.isRight(inserted)) {
        const last = inserted.right.rows.reduce<Pick<EventRow, 'transaction_id' | 'stream_version'> | undefined>(
          (max, row) => (max === undefined || row.stream_version > max.stream_version ? row : max),
          undefined,
        );
        if (last !== undefined) {
          return E.right({ streamVersion: last.stream_version, globalPosition: encodePosition(last.transaction_id, last.stream_version) });
        }
      } else if (!isUniqueViolation(inserted.left)) {
        return E.left(refusedBatch(inserted.left, streamName, batch) ?? failed('append', inserted.left));
      }
      const seen = await lookClose(streamName, batch);
      if (E.isLeft(seen)) return E.left(failed('append', seen.left));
      const replay = checkReplay(streamName, batch, seen.right.stored);
      if (replay.kind === 'conflict') return E.left(replay.error);
      if (replay.kind === 'replay') {
        return E.right({ streamVersion: replay.last.streamVersion, globalPosition: replay.last.globalPosition });
      }
      if (!expectedVersionMatches(expected, seen.right.head)) {
        return E.left(wrongExpectedVersion(streamName, expected, seen.right.head));
      }
    }
    return E.left(eventStoreUnavailable(`Appending to stream ${streamName} kept losing races with other writers`));
  };

  return {
    appendToStream: (streamName, expected, batch) => async () => {
      if (closed) return E.left(closedError());
      const encoded = prepareBatch(streamName, batch);
      if (E.isLeft(encoded)) return encoded;
      if (batch.length === 0) {
        // Nothing to write: only the expectation is checked. There is no event, hence position 0.
        const seen = await lookClose(streamName, batch);
        if (E.isLeft(seen)) return E.left(failed('append', seen.left));
        return expectedVersionMatches(expected, seen.right.head)
          ? E.right({ streamVersion: seen.right.head, globalPosition: 0n })
          : E.left(wrongExpectedVersion(streamName, expected, seen.right.head));
      }
      return appendBatch(streamName, expected, batch, encoded.right);
    },

    readStream: (streamName, options) => async () => {
      if (closed) return E.left(closedError());
      // Such a name can never have been written, and PostgreSQL would refuse it as a parameter.
      if (!isStorableName(streamName)) return E.right({ streamVersion: 0, events: [] });
      const result = await attempt(() => pool.query<HeadAndMaybeEventRow>(statements.readStream(streamName, options?.afterVersion ?? 0)));
      if (E.isLeft(result)) return E.left(failed('read of a stream', result.left));
      return E.right({ streamVersion: result.right.rows[0]?.head ?? 0, events: eventsOf(result.right.rows) });
    },

    readAll: (options) => async () => {
      if (closed) return E.left(closedError());
      const after = decodePosition(options?.after ?? 0n);
      const result = await attempt(() =>
        pool.query<EventRow>(statements.readAll(after.transactionId, after.streamVersion, options?.maxCount ?? DEFAULT_MAX_COUNT)),
      );
      if (E.isLeft(result)) return E.left(failed('read of all streams', result.left));
      return E.right(result.right.rows.map(toRecordedEvent));
    },

    lastPosition: () => async () => {
      if (closed) return E.left(closedError());
      const result = await attempt(() => pool.query<Pick<EventRow, 'transaction_id' | 'stream_version'>>(statements.lastPosition()));
      if (E.isLeft(result)) return E.left(failed('read of the last position', result.left));
      const last = result.right.rows[0];
      return E.right(last === undefined ? undefined : encodePosition(last.transaction_id, last.stream_version));
    },

    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end().catch(() => undefined);
    },
  };
};
