import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventData,
} from '@eventstore/db-client';
import type { EventStoreDbKeyClient } from '../../src/adapters/eventstoredb/personal-data-keys/index.js';

/**
 * A stand-in for the EventStoreDB client's stream operations, written from @eventstore/db-client's documented
 * behaviour (no server runs here): appends check the expected revision and take a write whose event ids are
 * already at those positions as an idempotent replay; a missing stream reads as StreamNotFoundError; a
 * tombstoned (hard-deleted) one refuses reads and writes with StreamDeletedError forever; and a deleted
 * stream's events stay in the log (`log`, like the chunk files and $all) until `scavenge()`.
 */
export interface EventStoreDbStandIn {
  readonly client: EventStoreDbKeyClient;
  /** Every event still in the log, with its stream and data as JSON text: what the chunk files would hold. */
  readonly log: () => ReadonlyArray<{ readonly streamId: string; readonly type: string; readonly json: string }>;
  /** Removes the events of tombstoned streams, as a scavenge over completed chunks does. */
  readonly scavenge: () => void;
  /** Fails the next `count` calls with an unavailable server's error. */
  readonly failNext: (count: number) => void;
  readonly streams: () => ReadonlyArray<string>;
}

interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly revision: bigint;
  readonly created: Date;
}

class UnavailableStandIn extends Error {
  override readonly name = 'UnavailableError';
  readonly code = 'UNAVAILABLE';
}

export const eventStoreDbStandIn = (): EventStoreDbStandIn => {
  const streams = new Map<string, StoredEvent[]>();
  const tombstoned = new Set<string>();
  let log: StoredEvent[] = [];
  let failures = 0;
  const maybeFail = (): void => {
    if (failures > 0) {
      failures--;
      throw new UnavailableStandIn('server unavailable');
    }
  };
  const currentOf = (stream: string): bigint | typeof NO_STREAM => {
    const events = streams.get(stream);
    return events === undefined || events.length === 0 ? NO_STREAM : BigInt(events.length - 1);
  };

  const appendToStream = async (streamName: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) => {
    await Promise.resolve();
    maybeFail();
    if (tombstoned.has(streamName)) throw new StreamDeletedError(undefined, streamName);
    const batch = Array.isArray(events) ? events : [events];
    const expected = options.expectedRevision ?? ANY;
    const existing = streams.get(streamName) ?? [];
    const current = currentOf(streamName);
    const firstPosition = expected === ANY || expected === STREAM_EXISTS ? existing.length : expected === NO_STREAM ? 0 : Number(expected) + 1;
    // Idempotent replay: the same ids already sit where this batch would go.
    const replayed = batch.every((event, i) => existing[firstPosition + i]?.id === event.id) && batch.length > 0;
    if (replayed && expected !== ANY && expected !== STREAM_EXISTS) {
      return { success: true, nextExpectedRevision: BigInt(firstPosition + batch.length - 1) };
    }
    const matches =
      expected === ANY ||
      (expected === STREAM_EXISTS && current !== NO_STREAM) ||
      (expected === NO_STREAM && current === NO_STREAM) ||
      (typeof expected === 'bigint' && current === expected);
    if (!matches) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    for (const event of batch) {
      const stored: StoredEvent = {
        streamId: streamName,
        id: event.id,
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)),
        revision: BigInt(existing.length),
        created: new Date(),
      };
      existing.push(stored);
      log.push(stored);
    }
    streams.set(streamName, existing);
    return { success: true, nextExpectedRevision: BigInt(existing.length - 1) };
  };

  const readStream = (streamName: string, options: { fromRevision?: bigint | symbol; maxCount?: number | bigint } = {}) => ({
    async *[Symbol.asyncIterator]() {
      await Promise.resolve();
      maybeFail();
      if (tombstoned.has(streamName)) throw new StreamDeletedError(undefined, streamName);
      const events = streams.get(streamName);
      if (events === undefined || events.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const from = typeof options.fromRevision === 'bigint' ? Number(options.fromRevision) : 0;
      const max = options.maxCount === undefined ? Number.MAX_SAFE_INTEGER : Number(options.maxCount);
      for (const event of events.slice(from, from + max)) {
        yield {
          event: { streamId: event.streamId, id: event.id, isJson: true, revision: event.revision, type: event.type, created: event.created, data: event.data, metadata: undefined },
        };
      }
    },
  });

  const tombstoneStream = async (streamName: string) => {
    await Promise.resolve();
    maybeFail();
    if (tombstoned.has(streamName)) throw new StreamDeletedError(undefined, streamName);
    tombstoned.add(streamName);
    streams.delete(streamName);
    return {};
  };

  return {
    client: { appendToStream, readStream, tombstoneStream, dispose: async () => undefined } as unknown as EventStoreDbKeyClient,
    log: () => log.map((event) => ({ streamId: event.streamId, type: event.type, json: JSON.stringify(event.data) })),
    scavenge: () => {
      log = log.filter((event) => !tombstoned.has(event.streamId));
    },
    failNext: (count) => {
      failures = count;
    },
    streams: () => [...streams.keys()],
  };
};
