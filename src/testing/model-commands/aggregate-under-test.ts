import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import type { Aggregate } from '../../application/command-handling/aggregate.js';
import { createCommandHandler, type CommandEnvelope, type Handled } from '../../application/command-handling/command-handler.js';
import { loadAggregate } from '../../application/command-handling/load-aggregate.js';
import { immediateRetry } from '../../application/command-handling/retry-policy.js';
import type { EventStore } from '../../application/ports/event-store.js';

/** An error as every layer reports one: a stable SCREAMING_SNAKE code and a message. */
export interface TypedError {
  readonly type: string;
  readonly message: string;
}

export type HandlerOutcome<Event, State> = E.Either<TypedError, Handled<Event, State>>;

/**
 * The real system a model-based test drives: one aggregate instance behind a command handler. Other teams
 * can put their own behind it (an HTTP endpoint, another store) and run the same model commands.
 */
export interface AggregateUnderTest<Command, Event, State> {
  readonly handle: (envelope: CommandEnvelope<Command>) => Promise<HandlerOutcome<Event, State>>;
  /** The aggregate as rebuilt from what the store holds now: its events, decoded, and the state they fold to. */
  readonly reload: () => Promise<{ readonly events: ReadonlyArray<Event>; readonly state: State; readonly streamVersion: number }>;
}

/** The project's own stack: `createCommandHandler` on an event store (a fresh in-memory one by default). */
export const handledAggregateUnderTest = <Command, Event extends { readonly type: string }, State, Error>(
  aggregate: Aggregate<Command, Event, State, Error>,
  aggregateId: string,
  store: EventStore = createInMemoryEventStore(),
): AggregateUnderTest<Command, Event, State> => {
  const handle = createCommandHandler({ store, clock: { now: () => new Date(0) }, retry: immediateRetry(3) });
  return {
    handle: async (envelope) => (await handle(aggregate, aggregateId, envelope)()) as HandlerOutcome<Event, State>,
    reload: async () => {
      const loaded = await loadAggregate({ store })(aggregate, aggregateId)();
      if (E.isLeft(loaded)) throw new Error(`the stream does not load back: ${loaded.left.message}`);
      return loaded.right;
    },
  };
};
