import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import { replayEvents } from '../../domain/shared/decider.js';
import type { Clock } from '../ports/clock.js';
import { ExpectedVersion, type EventStore, type EventToAppend, type JsonObject } from '../ports/event-store.js';
import type { PersonalDataVault } from '../ports/personal-data-vault.js';
import { streamNameOf, type Aggregate } from './aggregate.js';
import type { CommandHandlingError, CommandIdReused } from './command-handling-errors.js';
import { deterministicEventId } from './deterministic-event-id.js';
import { requestDigest } from './request-digest.js';
import { loadAggregate, type LoadedAggregate } from './load-aggregate.js';
import { sealPersonalFields } from './personal-data-protection.js';
import type { RetryPolicy } from './retry-policy.js';

export interface CommandEnvelope<Command> {
  /** The caller's id for this command: running it again (after a crash, a timeout, a race) has the effect of once. */
  readonly commandId: CommandId;
  readonly command: Command;
  /**
   * What the platform asked, when the command id is its Idempotency-Key: the same id with another request is
   * refused (COMMAND_ID_REUSED) instead of answered with the first request's outcome. Left out for observations
   * of Mangopay, whose content may change between two runs of the same hook.
   */
  readonly request?: unknown;
}

export interface Handled<Event, State> {
  /** The events this command recorded (now, or the first time it ran). */
  readonly events: ReadonlyArray<Event>;
  readonly state: State;
  readonly streamVersion: number;
  /** True when the command had already been handled: nothing was decided or appended this time. */
  readonly replayed: boolean;
}

/**
 * Runs between decide and append, once the command is known to be acceptable: the place for the call to
 * Mangopay that must succeed before the events are recorded. It may run again on a retry, so it must be
 * idempotent (Mangopay calls carry an Idempotency-Key derived from the command id).
 */
export type BeforeAppend<Event, State, EffectError> = (
  events: ReadonlyArray<Event>,
  state: State,
) => TaskEither<EffectError, unknown>;

export interface CommandHandlerDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  /** Seals the aggregates' declared personal fields before append and opens them on read. Absent: stored plain. */
  readonly vault?: PersonalDataVault;
}

/**
 * What the stream already holds under this command id: nothing (undefined), the events it recorded (a replay), or
 * COMMAND_ID_REUSED when they were recorded for another request (both fingerprinted, and the prints differ).
 */
const earlierOutcome = <Event, State>(
  loaded: LoadedAggregate<Event, State>,
  streamName: string,
  commandId: CommandId,
  digest: string | undefined,
): E.Either<CommandIdReused, ReadonlyArray<Event> | undefined> => {
  const positions = loaded.recorded.flatMap((r, i) => (r.metadata.commandId === commandId ? [i] : []));
  const first = positions[0];
  if (first === undefined) return E.right(undefined);
  const earlierDigest = loaded.recorded[first]?.metadata['requestDigest'];
  if (digest !== undefined && typeof earlierDigest === 'string' && earlierDigest !== digest) {
    return E.left({
      type: 'COMMAND_ID_REUSED',
      message: `This command id (Idempotency-Key) was used before on stream ${streamName} for another request: nothing was done`,
      streamName,
    });
  }
  return E.right(positions.map((i) => loaded.events[i] as Event));
};

export type CommandHandler = <Command, Event extends { readonly type: string }, State, DomainError, EffectError = never>(
  aggregate: Aggregate<Command, Event, State, DomainError>,
  aggregateId: string,
  envelope: CommandEnvelope<Command>,
  beforeAppend?: BeforeAppend<Event, State, EffectError>,
) => TaskEither<CommandHandlingError<DomainError> | EffectError, Handled<Event, State>>;

/**
 * Load (loadAggregate: read the stream and replay it), decide, replay the decided events onto the state, append
 * with the expected version. A command already in the stream (by its id) is answered from the stream; a lost
 * race re-reads and decides again, a bounded number of times.
 */
export const createCommandHandler =
  ({ store, clock, retry, vault }: CommandHandlerDependencies): CommandHandler =>
  (aggregate, aggregateId, envelope, beforeAppend) =>
  async () => {
    const load = loadAggregate({ store, vault });
    const streamName = streamNameOf(aggregate, aggregateId);
    const digest = envelope.request === undefined ? undefined : requestDigest(aggregate.name, envelope.request);
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      if (attempt > 1) await retry.pause(attempt);
      const loaded = await load(aggregate, aggregateId)();
      if (E.isLeft(loaded)) return loaded;
      const { state, streamVersion } = loaded.right;

      const earlier = earlierOutcome(loaded.right, streamName, envelope.commandId, digest);
      if (E.isLeft(earlier)) return earlier;
      if (earlier.right !== undefined) return E.right({ events: earlier.right, state, streamVersion, replayed: true });

      const decision = aggregate.decider.decide(envelope.command, state);
      if (E.isLeft(decision)) return decision;
      const decided = decision.right;
      if (decided.length === 0) return E.right({ events: decided, state, streamVersion, replayed: false });

      const next = replayEvents(aggregate.decider, state, decided);
      // Sealed before the effect: if the vault fails, Mangopay has not been called.
      const serialized = decided.map((event) => aggregate.events.encode(event));
      const sealed = await sealPersonalFields(vault, aggregate, next, streamName, serialized)();
      if (E.isLeft(sealed)) return sealed;

      if (beforeAppend !== undefined) {
        const effect = await beforeAppend(decided, state)();
        if (E.isLeft(effect)) return effect;
      }

      const occurredAt = clock.now().toISOString();
      const toAppend: EventToAppend[] = sealed.right.map((serialized, index) => ({
        eventId: deterministicEventId(envelope.commandId, streamName, index),
        type: serialized.type,
        schemaVersion: serialized.schemaVersion,
        data: serialized.data as JsonObject,
        metadata: { commandId: envelope.commandId, occurredAt, ...(digest === undefined ? {} : { requestDigest: digest }) },
      }));
      const appended = await store.appendToStream(streamName, ExpectedVersion.exact(streamVersion), toAppend)();
      if (E.isRight(appended)) {
        return E.right({ events: decided, state: next, streamVersion: appended.right.streamVersion, replayed: false });
      }
      if (appended.left.type === 'DUPLICATE_EVENT_ID') {
        // A concurrent run of this same command got there first: its sealed fields differ from ours only by
        // their random IVs, so the store cannot see the replay. The stream can: answer from it.
        const again = await load(aggregate, aggregateId)();
        if (E.isLeft(again)) return again;
        const recorded = earlierOutcome(again.right, streamName, envelope.commandId, digest);
        if (E.isLeft(recorded)) return recorded;
        if (recorded.right !== undefined) {
          return E.right({ events: recorded.right, state: again.right.state, streamVersion: again.right.streamVersion, replayed: true });
        }
        return E.left(appended.left);
      }
      if (appended.left.type !== 'WRONG_EXPECTED_VERSION') return E.left(appended.left);
    }
    return E.left({
      type: 'CONCURRENCY_RETRIES_EXHAUSTED',
      message: `Stream ${streamName} kept changing under the command; gave up after ${retry.maxAttempts} attempts`,
      streamName,
      attempts: retry.maxAttempts,
    });
  };
