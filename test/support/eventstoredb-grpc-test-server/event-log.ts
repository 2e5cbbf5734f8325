import { randomUUID } from 'node:crypto';

/**
 * The test server's storage: one append-only log of records, as EventStoreDB's transaction file, and per
 * stream the revisions that point into it. No protocol here; each rule names the EventStoreDB behaviour it
 * follows (server sources: IndexWriter.CheckCommit, StorageWriterService, AllReader, IndexReader).
 */

/** What a client proposes for one event. */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly streamId: string;
  /** Revision in its stream, counted from 0; a tombstone has the revision of a deleted stream (2^63 - 1). */
  readonly revision: bigint;
  /** Where the record starts in the log: its commit and prepare position, which are equal for every record written here. */
  readonly position: bigint;
  /** Where the next record starts (a backward read from a position returns the records that end at or before it). */
  readonly postPosition: bigint;
  readonly createdTicks: bigint;
}

/** EventStoreDB's event number of a hard-deleted stream (EventNumber.DeletedStream = long.MaxValue). */
export const DELETED_STREAM_REVISION = (1n << 63n) - 1n;

/** The expected-revision kinds of the protocol; `-1n` and below never appear, a revision is exact. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | { readonly kind: 'written'; readonly lastRevision: bigint | undefined; readonly position: bigint }
  /** A retry of a write already in the log: nothing written, answered as the first write was. */
  | { readonly kind: 'idempotent'; readonly lastRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined }
  | { readonly kind: 'stream-deleted' }
  | { readonly kind: 'too-large'; readonly maxAppendSize: number };

export type DeleteOutcome =
  | { readonly kind: 'deleted'; readonly position: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined }
  | { readonly kind: 'stream-deleted' };

export type StreamReadOutcome =
  | { readonly kind: 'events'; readonly events: ReadonlyArray<LoggedEvent> }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'deleted' };

interface StreamState {
  readonly revisions: LoggedEvent[];
  tombstoned: boolean;
  /** Soft delete: revisions below this are hidden ($tb in the stream's metadata); DELETED_STREAM_REVISION hides all. */
  truncateBefore: bigint | undefined;
}

export interface EventLogOptions {
  /** EventStoreDB's MaxAppendSize: the largest append, in bytes on disk (default 1 MiB, as the server's). */
  readonly maxAppendSize: number;
  readonly clock?: () => Date;
}

/** Bytes a record takes in the log besides its payload (length prefix and suffix, flags, ids, timestamps). */
const RECORD_OVERHEAD = 96n;
/** `created` is sent in .NET ticks (100 ns) since the Unix epoch. */
const TICKS_PER_MILLISECOND = 10_000n;

export interface AllPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** $all positions are ordered by commit position, then prepare position. */
const compare = (a: AllPosition, b: AllPosition): number =>
  a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Event.SizeOnDisk in the server: type, data and metadata, which MaxAppendSize is compared with. */
const sizeOnDisk = (event: ProposedEvent): number => utf8Length(event.type) + event.data.length + event.metadata.length;

export const createEventLog = (options: EventLogOptions) => {
  const clock = options.clock ?? (() => new Date());
  const log: LoggedEvent[] = [];
  const streams = new Map<string, StreamState>();
  /** Event ids already committed, with where: the server's committed-events cache used by idempotency checks. */
  const committed = new Map<string, { readonly streamId: string; readonly revision: bigint }>();
  /** The first record starts after the epoch and chunk header a new database writes. */
  let writerPosition = 0x100n;

  const stateOf = (streamId: string): StreamState => {
    let state = streams.get(streamId);
    if (state === undefined) {
      state = { revisions: [], tombstoned: false, truncateBefore: undefined };
      streams.set(streamId, state);
    }
    return state;
  };
  const currentOf = (state: StreamState | undefined): bigint | undefined =>
    state === undefined || state.revisions.length === 0 ? undefined : BigInt(state.revisions.length - 1);
  const softDeleted = (state: StreamState | undefined): boolean => state?.truncateBefore !== undefined;

  const write = (streamId: string, revision: bigint, event: ProposedEvent): LoggedEvent => {
    const size = RECORD_OVERHEAD + BigInt(utf8Length(streamId) + sizeOnDisk(event));
    const created = BigInt(clock().getTime()) * TICKS_PER_MILLISECOND;
    const logged: LoggedEvent = { ...event, streamId, revision, position: writerPosition, postPosition: writerPosition + size, createdTicks: created };
    writerPosition += size;
    log.push(logged);
    return logged;
  };

  /** The metadata stream of `streamId` is `$$streamId`; a soft delete or undelete writes `$metadata` there. */
  const writeTruncateBefore = (streamId: string, truncateBefore: bigint): void => {
    const meta = stateOf(`$$${streamId}`);
    const event = write(`$$${streamId}`, BigInt(meta.revisions.length), {
      id: randomUUID(),
      type: '$metadata',
      isJson: true,
      data: Buffer.from(`{"$tb":${truncateBefore.toString()}}`),
      metadata: new Uint8Array(),
    });
    meta.revisions.push(event);
  };

  type Decision = { kind: 'ok' } | { kind: 'idempotent'; first: bigint; last: bigint } | { kind: 'wrong' } | { kind: 'deleted' };

  /** IndexWriter.CheckCommit: whether a write at `expected` goes ahead, is a retry of one in the log, or is refused. */
  const checkCommit = (streamId: string, expected: ExpectedRevision, ids: ReadonlyArray<string>): Decision => {
    const state = streams.get(streamId);
    // A tombstoned stream refuses every write, whatever the expected revision.
    if (state?.tombstoned === true) return { kind: 'deleted' };
    const current = currentOf(state) ?? -1n;
    if (expected === 'stream_exists') {
      // StreamExists on a soft-deleted stream is answered "deleted"; on a stream never written, wrong version.
      if (softDeleted(state)) return { kind: 'deleted' };
      if (current < 0n) return { kind: 'wrong' };
    }
    if (expected === 'any' || expected === 'stream_exists') {
      // Without a revision, a write is a retry when all its ids are already committed in this stream;
      // the first id unknown: a new write; a later one unknown: "corrupted idempotency", a wrong version.
      let first: bigint | undefined;
      let last: bigint | undefined;
      for (const id of ids) {
        const seen = committed.get(id);
        if (seen === undefined || seen.streamId !== streamId) return first === undefined ? { kind: 'ok' } : { kind: 'wrong' };
        first ??= seen.revision;
        last = seen.revision;
      }
      return first === undefined || last === undefined ? { kind: 'ok' } : { kind: 'idempotent', first, last };
    }
    const expectedNumber = expected === 'no_stream' ? -1n : expected;
    if (expectedNumber < current) {
      // Behind the stream: a retry when the same ids sit at exactly the revisions this write would have taken.
      let revision = expectedNumber;
      for (const id of ids) {
        revision += 1n;
        if (state?.revisions[Number(revision)]?.id === id) continue;
        if (revision !== expectedNumber + 1n) return { kind: 'wrong' };
        // "No stream" recreates a soft-deleted stream (its revisions continue).
        if (expected === 'no_stream' && softDeleted(state)) return { kind: 'ok' };
        return { kind: 'wrong' };
      }
      // An empty write behind the stream is a plain conflict.
      return revision === expectedNumber ? { kind: 'wrong' } : { kind: 'idempotent', first: expectedNumber + 1n, last: revision };
    }
    if (expectedNumber > current) return { kind: 'wrong' };
    return { kind: 'ok' };
  };

  const append = (streamId: string, expected: ExpectedRevision, events: ReadonlyArray<ProposedEvent>): AppendOutcome => {
    // MaxAppendSize bounds the sum of the events' sizes on disk, checked before anything else.
    const size = events.reduce((total, event) => total + sizeOnDisk(event), 0);
    if (size > options.maxAppendSize) return { kind: 'too-large', maxAppendSize: options.maxAppendSize };
    const decision = checkCommit(streamId, expected, events.map((event) => event.id));
    const state = streams.get(streamId);
    switch (decision.kind) {
      case 'deleted':
        return { kind: 'stream-deleted' };
      case 'wrong':
        return { kind: 'wrong-expected-version', current: currentOf(state) };
      case 'idempotent': {
        // Answered with the revision and position of the last event of the first write, not the stream's head.
        const last = state?.revisions[Number(decision.last)];
        if (last === undefined) throw new Error('an idempotent write points at no event');
        return { kind: 'idempotent', lastRevision: decision.last, position: last.position };
      }
      case 'ok':
        break;
    }
    const target = stateOf(streamId);
    if (target.truncateBefore !== undefined && events.length > 0) {
      // Writing to a soft-deleted stream undeletes it: the old revisions stay hidden, numbering continues.
      target.truncateBefore = BigInt(target.revisions.length);
      writeTruncateBefore(streamId, target.truncateBefore);
    }
    if (events.length === 0) {
      // An empty write still writes a record (an empty prepare) and answers its position.
      const position = writerPosition;
      writerPosition += RECORD_OVERHEAD;
      return { kind: 'written', lastRevision: currentOf(target), position };
    }
    let last: LoggedEvent | undefined;
    for (const event of events) {
      last = write(streamId, BigInt(target.revisions.length), event);
      target.revisions.push(last);
      committed.set(event.id, { streamId, revision: last.revision });
    }
    if (last === undefined) throw new Error('unreachable');
    // The append answers the last event's position as both its commit and prepare position.
    return { kind: 'written', lastRevision: last.revision, position: last.position };
  };

  /** Soft delete (Delete) and hard delete (Tombstone), with the expected-revision check of a write. */
  const remove = (streamId: string, expected: ExpectedRevision, hard: boolean): DeleteOutcome => {
    const decision = checkCommit(streamId, expected, [randomUUID()]);
    const state = streams.get(streamId);
    if (decision.kind === 'deleted') return { kind: 'stream-deleted' };
    if (decision.kind !== 'ok') return { kind: 'wrong-expected-version', current: currentOf(state) };
    if (hard) {
      // A tombstone is a record in the stream itself ($streamDeleted, revision 2^63 - 1), visible in $all;
      // the stream's events stay in the log (and in $all) until a scavenge, which this server never runs.
      const target = stateOf(streamId);
      target.tombstoned = true;
      const tombstone = write(streamId, DELETED_STREAM_REVISION, { id: randomUUID(), type: '$streamDeleted', isJson: false, data: new Uint8Array(), metadata: new Uint8Array() });
      return { kind: 'deleted', position: tombstone.position };
    }
    // Soft-deleting a stream that was never written (nor given metadata) is a wrong expected version.
    if (currentOf(state) === undefined && currentOf(streams.get(`$$${streamId}`)) === undefined) return { kind: 'wrong-expected-version', current: undefined };
    stateOf(streamId).truncateBefore = DELETED_STREAM_REVISION;
    const position = writerPosition;
    writeTruncateBefore(streamId, DELETED_STREAM_REVISION);
    return { kind: 'deleted', position };
  };

  /** IndexReader: a stream read forwards from `from` or backwards from `from` (clamped to the last revision). */
  const readStream = (streamId: string, from: bigint | 'start' | 'end', direction: 'forwards' | 'backwards', count: bigint): StreamReadOutcome => {
    const state = streams.get(streamId);
    if (state?.tombstoned === true) return { kind: 'deleted' };
    const current = currentOf(state);
    if (state === undefined || current === undefined || state.truncateBefore === DELETED_STREAM_REVISION) return { kind: 'not-found' };
    const visibleFrom = state.truncateBefore ?? 0n;
    const visible = state.revisions.filter((event) => event.revision >= visibleFrom);
    const limit = Number(count > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : count);
    if (direction === 'forwards') {
      const start = from === 'start' ? 0n : from === 'end' ? current + 1n : from;
      return { kind: 'events', events: visible.filter((event) => event.revision >= start).slice(0, limit) };
    }
    const start = from === 'end' || from === 'start' ? (from === 'end' ? current : 0n) : from;
    // From "start" backwards is revision 0 only; from past the end, the read begins at the last revision.
    return { kind: 'events', events: visible.filter((event) => event.revision <= start).reverse().slice(0, limit) };
  };

  /** AllReader: $all forwards includes the record at the position; backwards returns the records that end at or before it. */
  const readAll = (from: AllPosition | 'start' | 'end', direction: 'forwards' | 'backwards', count: bigint): ReadonlyArray<LoggedEvent> => {
    const limit = Number(count > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : count);
    const at = (position: bigint): AllPosition => ({ commit: position, prepare: position });
    if (direction === 'forwards') {
      if (from === 'end') return [];
      const start = from === 'start' ? at(0n) : from;
      return log.filter((event) => compare(at(event.position), start) >= 0).slice(0, limit);
    }
    if (from === 'start') return [];
    const end = from === 'end' ? at(writerPosition) : from;
    return log.filter((event) => compare(at(event.postPosition), end) <= 0).reverse().slice(0, limit);
  };

  return {
    append,
    remove,
    readStream,
    readAll,
    /** Every record still in the log (deleted streams' included): what the chunk files hold. */
    records: (): ReadonlyArray<LoggedEvent> => [...log],
    /** Streams that read as existing (not tombstoned, not soft-deleted, with events). */
    liveStreams: (): ReadonlyArray<string> =>
      [...streams.entries()].filter(([, state]) => !state.tombstoned && state.truncateBefore !== DELETED_STREAM_REVISION && state.revisions.length > 0).map(([name]) => name),
  };
};

export type EventLog = ReturnType<typeof createEventLog>;
