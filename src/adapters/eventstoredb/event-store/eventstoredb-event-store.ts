import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import {
  checkReplay,
  duplicateEventId,
  expectedVersionMatches,
  firstRepeatedId,
  wrongExpectedVersion,
} from '../../shared/event-store/append-rules.js';
import type {
  AppendError,
  AppendResult,
  EventStore,
  EventStoreUnavailable,
  EventToAppend,
  ExpectedVersion,
  RecordedEvent,
  StreamName,
  StreamRead,
} from '../../../application/ports/event-store.js';
import { describeCause, eventStoreUnavailable, firstUnstorableName, invalidEventForStore } from '../../shared/event-store/index.js';
import { fromRecordedEvent, toEventData } from './eventstoredb-events.js';
import { toExpectedRevision, versionOfRevision } from './eventstoredb-expected-revision.js';
import { decodePosition, encodePosition } from './eventstoredb-positions.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  /**
   * Prepended to every stream name, and readAll returns only streams that carry it: several stores
   * (tenants, test runs) can share one database without seeing each other. Default: none.
   */
  readonly streamPrefix?: string;
  /**
   * Streams that share the database but are not events (e.g. the personal data key streams): readAll skips
   * them and appends to them are refused. $all keeps a deleted stream's events until a scavenge, so without
   * this a destroyed key would still reach every projection. Default: none.
   */
  readonly hiddenStreamPrefixes?: ReadonlyArray<string>;
}

const DEFAULT_MAX_COUNT = 1000;
const MAX_STREAM_READ_ATTEMPTS = 5;
const LAST_POSITION_PAGE = 100;
/** EventStoreDB requires UUID event ids; checked here so the refusal names the event. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isSystemEvent = (event: AllStreamRecordedEvent): boolean => event.streamId.startsWith('$') || event.type.startsWith('$');

/** Whether an $all event is one of this store's: not a system event, under its prefix, not in a hidden stream. */
export const isStoreEvent = (event: AllStreamRecordedEvent, prefix: string, hidden: ReadonlyArray<string>): boolean =>
  !isSystemEvent(event) && event.streamId.startsWith(prefix) && !hidden.some((hiddenPrefix) => event.streamId.startsWith(hiddenPrefix));

/**
 * The EventStore on EventStoreDB (client v6). EventStoreDB does the version check and the atomic
 * batch; on a WrongExpectedVersion the events a replay would occupy are read back and given to the
 * shared replay rules. Known limits: event ids are not unique across streams, and a replay with the
 * same ids but other content at the same position is taken by the server as an idempotent success.
 */
export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): TaskEither<EventStoreUnavailable, EventStore> => async () => {
  try {
    return E.right(
      eventStoreDbEventStore(EventStoreDBClient.connectionString(options.connectionString), options.streamPrefix ?? '', options.hiddenStreamPrefixes ?? []),
    );
  } catch (error) {
    return E.left(eventStoreUnavailable(`Cannot create the EventStoreDB client (${describeCause(error)})`, error));
  }
};

const eventStoreDbEventStore = (client: EventStoreDBClient, prefix: string, hidden: ReadonlyArray<string>): EventStore => {
  let closed = false;
  const closedError = (): EventStoreUnavailable => eventStoreUnavailable('The EventStoreDB event store is closed');
  const failed = (operation: string, error: unknown): EventStoreUnavailable =>
    closed ? closedError() : eventStoreUnavailable(`EventStoreDB ${operation} failed (${describeCause(error)})`, error);
  const stored = (streamName: StreamName): string => `${prefix}${streamName}`;

  /** Reads up to `maxCount` events of a stream from revision `from`; a missing stream reads as none. */
  const readRevisions = async (streamName: StreamName, from: bigint, maxCount: number): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(stored(streamName), { fromRevision: from, direction: FORWARDS, maxCount })) {
        const event = (resolved as ResolvedEvent).event;
        if (event !== undefined) events.push(fromRecordedEvent(event, streamName, event.position === undefined ? 0n : encodePosition(event.position)));
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  };

  /**
   * The version of a stream: one backward read of its last event. Every read here is iterated to its end: a read
   * left before its end never finishes in the client once the server has answered, and `dispose()` (close) waits
   * for every read to finish.
   */
  const headOf = async (streamName: StreamName): Promise<number> => {
    try {
      let head = 0;
      for await (const resolved of client.readStream(stored(streamName), { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        if (resolved.event !== undefined) head = Number(resolved.event.revision) + 1;
      }
      return head;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  };

  /** The server refused the expected version: a replay of this batch, a reused id, or a plain conflict. */
  const refused = async (
    streamName: StreamName,
    expected: ExpectedVersion,
    batch: ReadonlyArray<EventToAppend>,
    actual: number,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    // A replay would sit right after the version it was first written at.
    const from = expected.kind === 'exact' ? BigInt(expected.version) : 0n;
    const ids = new Set(batch.map((event) => event.eventId));
    const there = (await readRevisions(streamName, from, batch.length)).filter((event) => ids.has(event.eventId));
    const replay = checkReplay(streamName, batch, new Map(there.map((event) => [event.eventId, event] as const)));
    if (replay.kind === 'conflict') return E.left(replay.error);
    if (replay.kind === 'replay') return E.right({ streamVersion: replay.last.streamVersion, globalPosition: replay.last.globalPosition });
    return E.left(wrongExpectedVersion(streamName, expected, actual));
  };

  const append = async (streamName: StreamName, expected: ExpectedVersion, batch: ReadonlyArray<EventToAppend>): Promise<E.Either<AppendError, AppendResult>> => {
    const repeated = firstRepeatedId(batch);
    if (repeated !== undefined) return E.left(duplicateEventId(streamName, repeated));
    const unstorable = firstUnstorableName(streamName, batch);
    if (unstorable !== undefined) return E.left(unstorable);
    for (const event of batch) {
      if (!UUID.test(event.eventId)) return E.left(invalidEventForStore(streamName, event.eventId, 'EventStoreDB event ids must be UUIDs'));
      if (stored(streamName).startsWith('$')) return E.left(invalidEventForStore(streamName, event.eventId, 'stream names starting with $ are EventStoreDB system streams'));
      if (hidden.some((hiddenPrefix) => stored(streamName).startsWith(hiddenPrefix))) {
        return E.left(invalidEventForStore(streamName, event.eventId, 'this stream name is reserved for data kept beside the events'));
      }
    }
    if (batch.length === 0) {
      // Nothing to write: only the expectation is checked, and there is no position.
      const actual = await headOf(streamName);
      return expectedVersionMatches(expected, actual)
        ? E.right({ streamVersion: actual, globalPosition: 0n })
        : E.left(wrongExpectedVersion(streamName, expected, actual));
    }
    try {
      const result = await client.appendToStream(stored(streamName), batch.map(toEventData), { expectedRevision: toExpectedRevision(expected) });
      return E.right({
        streamVersion: Number(result.nextExpectedRevision) + 1,
        globalPosition: result.position === undefined ? 0n : encodePosition(result.position),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return refused(streamName, expected, batch, versionOfRevision(error.actualVersion));
      // Not a passing failure: the same batch is refused every time, so it is no "unavailable" to retry.
      if (error instanceof MaxAppendSizeExceededError) {
        const reason = `the batch exceeds the server's MaxAppendSize of ${error.maxAppendSize} bytes (raise --max-append-size, or append fewer or smaller events)`;
        return E.left(invalidEventForStore(streamName, batch[0]?.eventId ?? '', reason));
      }
      throw error;
    }
  };

  const readStream = async (streamName: StreamName, afterVersion: number): Promise<StreamRead> => {
    // Reported version and events must agree (callers append at that version after folding them):
    // if the stream grew between the empty forward read and the head read, read forward again.
    for (let attempt = 0; attempt < MAX_STREAM_READ_ATTEMPTS; attempt++) {
      const events = await readRevisions(streamName, BigInt(Math.max(0, afterVersion)), Number.MAX_SAFE_INTEGER);
      const last = events[events.length - 1];
      if (last !== undefined) return { streamVersion: last.streamVersion, events };
      const head = await headOf(streamName);
      if (head <= afterVersion) return { streamVersion: head, events: [] };
    }
    throw new Error('the stream kept changing between reads');
  };

  /** Pages through $all from `after`, skipping system events and other prefixes, until `maxCount` events or the end. */
  const readAll = async (after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]> => {
    const collected: RecordedEvent[] = [];
    let cursor = after;
    const pageSize = Math.max(maxCount, 100) + 1;
    for (;;) {
      const fromPosition: Position | typeof START = cursor === undefined ? START : decodePosition(cursor);
      let seen = 0;
      // The page is read to its end even once `maxCount` events are collected (see headOf).
      for await (const resolved of client.readAll({ fromPosition, direction: FORWARDS, maxCount: pageSize })) {
        seen++;
        const event = resolved.event;
        if (event === undefined || collected.length === maxCount) continue;
        const position = encodePosition(event.position);
        // fromPosition is inclusive: the event the cursor points at was already handed over.
        if (cursor !== undefined && position <= cursor) continue;
        cursor = position;
        if (!isStoreEvent(event, prefix, hidden)) continue;
        collected.push(fromRecordedEvent(event, event.streamId.slice(prefix.length), position));
      }
      if (collected.length === maxCount || seen < pageSize) return collected;
    }
  };

  /** Pages backwards through $all from its end to the newest event of this store's (system and hidden events skipped). */
  const lastPosition = async (): Promise<bigint | undefined> => {
    let cursor: Position | typeof END = END;
    for (;;) {
      let seen = 0;
      let found: bigint | undefined;
      const page: AsyncIterable<AllStreamResolvedEvent> = client.readAll({ fromPosition: cursor, direction: BACKWARDS, maxCount: LAST_POSITION_PAGE });
      // The page is read to its end even once the newest store event is found (see headOf).
      for await (const resolved of page) {
        seen++;
        const event = resolved.event;
        if (event === undefined || found !== undefined) continue;
        if (isStoreEvent(event, prefix, hidden)) found = encodePosition(event.position);
        cursor = event.position;
      }
      if (found !== undefined) return found;
      // A backward read from a position returns the events before it (AllReader: records that end at or before
      // it): a page shorter than asked for means nothing older is left.
      if (seen < LAST_POSITION_PAGE) return undefined;
    }
  };

  return {
    lastPosition: () => async () => {
      if (closed) return E.left(closedError());
      return lastPosition().then(E.right, (error: unknown) => E.left(failed('read of the last position', error)));
    },
    appendToStream: (streamName, expected, batch) => async () => {
      if (closed) return E.left(closedError());
      return append(streamName, expected, batch).catch((error: unknown) => E.left(failed('append', error)));
    },
    readStream: (streamName, options) => async () => {
      if (closed) return E.left(closedError());
      return readStream(streamName, options?.afterVersion ?? 0).then(E.right, (error: unknown) => E.left(failed('read of a stream', error)));
    },
    readAll: (options) => async () => {
      if (closed) return E.left(closedError());
      const after = options?.after === undefined || options.after <= 0n ? undefined : options.after;
      return readAll(after, options?.maxCount ?? DEFAULT_MAX_COUNT).then(E.right, (error: unknown) => E.left(failed('read of all streams', error)));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.dispose().catch(() => undefined);
    },
  };
};
