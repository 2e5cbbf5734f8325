import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type {
  AppendError,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamName,
} from '../../../application/ports/event-store.js';
import {
  checkReplay,
  duplicateEventId,
  expectedVersionMatches,
  firstRepeatedId,
  wrongExpectedVersion,
} from '../../shared/event-store/append-rules.js';

const DEFAULT_MAX_COUNT = 1000;

/**
 * The reference EventStore: the port's full semantics in memory. Appends are synchronous inside one
 * microtask, so a batch is atomic and commit order is append order. Events are kept as given (they are
 * immutable by type); nothing is copied on the hot path.
 */
export const createInMemoryEventStore = (): EventStore => {
  const streams = new Map<StreamName, RecordedEvent[]>();
  const all: RecordedEvent[] = [];
  const byId = new Map<string, RecordedEvent>();
  let closed = false;

  const append = (
    streamName: StreamName,
    expected: ExpectedVersion,
    batch: ReadonlyArray<EventToAppend>,
  ): Promise<AppendResult> | AppendError => {
    const repeated = firstRepeatedId(batch);
    if (repeated !== undefined) return duplicateEventId(streamName, repeated);
    const stream = streams.get(streamName);
    const actual = stream?.length ?? 0;
    const stored = new Map<string, RecordedEvent>();
    for (const event of batch) {
      const existing = byId.get(event.eventId);
      if (existing !== undefined) stored.set(event.eventId, existing);
    }
    const replay = checkReplay(streamName, batch, stored);
    if (replay.kind === 'conflict') return replay.error;
    if (replay.kind === 'replay') {
      return Promise.resolve({ streamVersion: replay.last.streamVersion, globalPosition: replay.last.globalPosition });
    }
    if (!expectedVersionMatches(expected, actual)) return wrongExpectedVersion(streamName, expected, actual);
    if (batch.length === 0) {
      return Promise.resolve({ streamVersion: actual, globalPosition: BigInt(all.length) });
    }
    const target = stream ?? [];
    if (stream === undefined) streams.set(streamName, target);
    for (const event of batch) {
      const recorded: RecordedEvent = {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        streamName,
        streamVersion: target.length + 1,
        globalPosition: BigInt(all.length + 1),
      };
      target.push(recorded);
      all.push(recorded);
      byId.set(recorded.eventId, recorded);
    }
    return Promise.resolve({ streamVersion: target.length, globalPosition: BigInt(all.length) });
  };

  const unavailable = () => ({ type: 'EVENT_STORE_UNAVAILABLE' as const, message: 'The in-memory event store is closed' });

  return {
    appendToStream: (streamName, expected, events) => () => {
      if (closed) return Promise.resolve(E.left(unavailable()));
      const result = append(streamName, expected, events);
      return result instanceof Promise ? result.then(E.right) : Promise.resolve(E.left(result));
    },
    readStream: (streamName, options?: ReadStreamOptions) => {
      if (closed) return TE.left(unavailable());
      const stream = streams.get(streamName) ?? [];
      const after = options?.afterVersion ?? 0;
      return TE.right({ streamVersion: stream.length, events: after > 0 ? stream.slice(after) : stream.slice() });
    },
    readAll: (options?: ReadAllOptions) => {
      if (closed) return TE.left(unavailable());
      // Positions are 1-based indexes into `all`, so "after P" starts at index P.
      const start = options?.after === undefined ? 0 : Number(options.after < 0n ? 0n : options.after);
      return TE.right(all.slice(start, start + (options?.maxCount ?? DEFAULT_MAX_COUNT)));
    },
    lastPosition: () => (closed ? TE.left(unavailable()) : TE.right(all[all.length - 1]?.globalPosition)),
    close: async () => {
      closed = true;
    },
  };
};
