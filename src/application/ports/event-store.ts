import type { TaskEither } from 'fp-ts/lib/TaskEither.js';

/**
 * The EventStore port. Every adapter (in-memory, SQLite, PostgreSQL, EventStoreDB) gives exactly these
 * semantics; the conformance suite in `kyc-core/testing` proves it.
 *
 * Versions: a stream's version is the number of events in it (0 for a stream that does not exist);
 * the first event of a stream has streamVersion 1. Global positions are strictly increasing in the order
 * readAll hands events out across all streams (commit order, as far as any reader can tell), but not
 * necessarily contiguous. They are opaque: compare them, store them, never do arithmetic on them; they
 * can exceed 64 bits (PostgreSQL and EventStoreDB pack two numbers into one).
 */

export type JsonValue = null | boolean | number | string | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

export type StreamName = string;
export type GlobalPosition = bigint;

export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'stream-exists' }
  | { readonly kind: 'exact'; readonly version: number };

export const ExpectedVersion = {
  any: { kind: 'any' } as ExpectedVersion,
  noStream: { kind: 'no-stream' } as ExpectedVersion,
  streamExists: { kind: 'stream-exists' } as ExpectedVersion,
  exact: (version: number): ExpectedVersion => (version === 0 ? { kind: 'no-stream' } : { kind: 'exact', version }),
} as const;

/** What the event carries besides its data: who caused it and when (from the Clock port, never the store). */
export interface EventMetadata extends JsonObject {
  readonly commandId: string;
  readonly occurredAt: string;
}

export interface EventToAppend {
  /** A UUID. Unique across the store; appending the same id with the same content again is a no-op. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamName: StreamName;
  readonly streamVersion: number;
  readonly globalPosition: GlobalPosition;
}

export interface AppendResult {
  /** The stream's version after the append (for a no-op idempotent append: the version that holds the events). */
  readonly streamVersion: number;
  /** The global position of the last event of the batch. */
  readonly globalPosition: GlobalPosition;
}

export interface StreamRead {
  /** The stream's current version (0 when it does not exist). */
  readonly streamVersion: number;
  readonly events: ReadonlyArray<RecordedEvent>;
}

export interface WrongExpectedVersion {
  readonly type: 'WRONG_EXPECTED_VERSION';
  readonly message: string;
  readonly streamName: StreamName;
  readonly expected: ExpectedVersion;
  /** The stream's version when the append was refused (0 when it does not exist). */
  readonly actual: number;
}

export interface DuplicateEventId {
  readonly type: 'DUPLICATE_EVENT_ID';
  readonly message: string;
  readonly streamName: StreamName;
  readonly eventId: string;
}

export interface InvalidEventForStore {
  readonly type: 'INVALID_EVENT_FOR_STORE';
  readonly message: string;
  readonly streamName: StreamName;
  readonly eventId: string;
}

export interface EventStoreUnavailable {
  readonly type: 'EVENT_STORE_UNAVAILABLE';
  readonly message: string;
  readonly cause?: unknown;
}

export type AppendError = WrongExpectedVersion | DuplicateEventId | InvalidEventForStore | EventStoreUnavailable;
export type ReadError = EventStoreUnavailable;

export interface ReadStreamOptions {
  /** Return only events with streamVersion strictly greater than this (default 0: the whole stream). */
  readonly afterVersion?: number;
}

export interface ReadAllOptions {
  /** Return only events with a global position strictly greater than this (default: from the start). */
  readonly after?: GlobalPosition;
  /** At most this many events (default 1000). */
  readonly maxCount?: number;
}

export interface EventStore {
  /**
   * Appends a batch atomically: all events or none. Idempotent by event id: when every event of the batch
   * is already in this stream with the same type and data, nothing is written and the call succeeds; when
   * an id is already used with other content (or in another stream) the answer is DUPLICATE_EVENT_ID.
   */
  readonly appendToStream: (
    streamName: StreamName,
    expected: ExpectedVersion,
    events: ReadonlyArray<EventToAppend>,
  ) => TaskEither<AppendError, AppendResult>;

  /** Reads a stream in order. A stream that does not exist reads as version 0 with no events. */
  readonly readStream: (streamName: StreamName, options?: ReadStreamOptions) => TaskEither<ReadError, StreamRead>;

  /**
   * Reads every stream's events in commit order, after a global position. Never skips an event whose
   * transaction commits later with a lower position: a reader that has seen position P will never be
   * handed, later, an event with a position below P. To keep that promise a store may hold back
   * committed events while an earlier transaction is still in flight, so an empty page means "nothing
   * more yet", not "nothing more ever".
   */
  readonly readAll: (options?: ReadAllOptions) => TaskEither<ReadError, ReadonlyArray<RecordedEvent>>;

  /**
   * The global position of the last event committed before the call (undefined in an empty store), whichever
   * process appended it. readAll may still hold it back for a moment (see above) but hands it out in the end:
   * a reader that has reached this position has seen every event acknowledged before the call. This is what
   * makes read-your-writes hold across instances sharing a store.
   */
  readonly lastPosition: () => TaskEither<ReadError, GlobalPosition | undefined>;

  /** Releases connections and files. The store is unusable afterwards. */
  readonly close: () => Promise<void>;
}
