import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { EventStore, ReadError, RecordedEvent } from '../ports/event-store.js';
import type { PersonalDataVault } from '../ports/personal-data-vault.js';
import { streamNameOf, type Aggregate } from './aggregate.js';
import type { PersonalDataUnreadable, StoredEventUnreadable } from './command-handling-errors.js';
import { replayEvents } from '../../domain/shared/decider.js';
import { eventDecodeFailure } from '../../domain/shared/event-schema.js';
import { metadataFaults } from './event-metadata-codec.js';
import { openPersonalFields, personalFieldsAsErased } from './personal-data-protection.js';

export interface LoadedAggregate<Event, State> {
  readonly state: State;
  readonly streamVersion: number;
  readonly events: ReadonlyArray<Event>;
  /** As stored, except that sealed personal fields are opened (or read as erased). */
  readonly recorded: ReadonlyArray<RecordedEvent>;
}

export interface DecodedStream<Event> {
  readonly streamVersion: number;
  readonly events: ReadonlyArray<Event>;
  readonly recorded: ReadonlyArray<RecordedEvent>;
}

/**
 * Decodes one stored event through the aggregate's schema (and its upcasters), naming the stream and version
 * on failure. Its personal fields must already be opened (`openPersonalFields`): a sealed token is not a value.
 */
export const decodeRecorded = <Event extends { readonly type: string }>(
  aggregate: Aggregate<unknown, Event, unknown, unknown>,
  recorded: RecordedEvent,
): E.Either<StoredEventUnreadable, Event> => {
  const faults = metadataFaults(recorded.metadata);
  if (faults.length > 0) {
    const cause = eventDecodeFailure(recorded.type, recorded.schemaVersion, faults);
    return E.left(unreadable(recorded, cause.message, cause));
  }
  const decoded = aggregate.events.decode(recorded);
  return E.isRight(decoded) ? decoded : E.left(unreadable(recorded, decoded.left.message, decoded.left));
};

/**
 * Decodes one stored event for a reader that holds no personal data (the read model, the console's index): its
 * declared personal fields read as erased, whatever the store holds there, and the rest goes through
 * `decodeRecorded`: the same schema, upcasters and typed errors as the command handler's.
 */
export const decodeRecordedWithoutPersonalData = <Event extends { readonly type: string }>(
  aggregate: Aggregate<unknown, Event, unknown, unknown>,
  recorded: RecordedEvent,
): E.Either<StoredEventUnreadable, Event> => decodeRecorded(aggregate, personalFieldsAsErased(aggregate, recorded));

const unreadable = (recorded: RecordedEvent, reason: string, cause: StoredEventUnreadable['cause']): StoredEventUnreadable => ({
  type: 'STORED_EVENT_UNREADABLE',
  message: `Event ${recorded.streamVersion} of stream ${recorded.streamName} does not decode: ${reason}`,
  streamName: recorded.streamName,
  streamVersion: recorded.streamVersion,
  cause,
});

/** Reads a stream, opens its personal fields with the vault (when there is one) and decodes every event. */
export const readDecodedStream =
  <Event extends { readonly type: string }>(
    store: EventStore,
    aggregate: Aggregate<unknown, Event, unknown, unknown>,
    streamName: string,
    vault?: PersonalDataVault,
  ): TaskEither<ReadError | StoredEventUnreadable | PersonalDataUnreadable, DecodedStream<Event>> =>
  async () => {
    const read = await store.readStream(streamName)();
    if (E.isLeft(read)) return read;
    const opened = await openPersonalFields(vault, aggregate, read.right.events)();
    if (E.isLeft(opened)) return opened;
    const events: Event[] = [];
    for (const recorded of opened.right) {
      const decoded = decodeRecorded(aggregate, recorded);
      if (E.isLeft(decoded)) return decoded;
      events.push(decoded.right);
    }
    return E.right({ streamVersion: read.right.streamVersion, events, recorded: opened.right });
  };

/** Where aggregates are loaded from: the store, and the vault the events were written with (none: stored plain). */
export interface LoadDependencies {
  readonly store: EventStore;
  readonly vault?: PersonalDataVault;
}

/**
 * The one way to load an aggregate: `loadAggregate(deps)(aggregate, id)` reads its stream (`<Aggregate>-<id>`),
 * opens its personal fields, decodes every event and replays them (`replayEvents`, the one fold). Give the vault
 * the events were written with: sealed personal data without one is an error. `KycCoreDependencies` is such deps.
 */
export const loadAggregate =
  ({ store, vault }: LoadDependencies) =>
  <Command, Event extends { readonly type: string }, State, Error>(
    aggregate: Aggregate<Command, Event, State, Error>,
    aggregateId: string,
  ): TaskEither<ReadError | StoredEventUnreadable | PersonalDataUnreadable, LoadedAggregate<Event, State>> =>
  async () => {
    const streamName = streamNameOf(aggregate, aggregateId);
    const read = await readDecodedStream(store, aggregate as Aggregate<unknown, Event, unknown, unknown>, streamName, vault)();
    if (E.isLeft(read)) return read;
    const state = replayEvents(aggregate.decider, aggregate.decider.initialState, read.right.events);
    return E.right({ state, ...read.right });
  };
