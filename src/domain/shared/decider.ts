import type { Either } from 'fp-ts/lib/Either.js';

/**
 * An aggregate as a decider: a pure function from (command, state) to events, and a fold.
 * Everything else (I/O, time, ids) stays outside.
 */
export interface Decider<Command, Event, State, Error> {
  readonly initialState: State;
  readonly decide: (command: Command, state: State) => Either<Error, ReadonlyArray<Event>>;
  readonly evolve: (state: State, event: Event) => State;
  /**
   * Optional: the state `evolve` reaches from `state` through `events`, in time linear in their number. `evolve`
   * copies a collection it changes (a state never changes under whoever holds it), so a fold through it is
   * quadratic when the state grows with the stream. A replay may change in place only what it allocated itself
   * while it runs, never `state` nor an event: no state it makes is seen before it returns, and the one it
   * returns shares nothing it will touch again.
   */
  readonly replay?: (state: State, events: Iterable<Event>) => State;
}

/** Folds events into a state, one `evolve` at a time: the reference every `replay` must agree with. */
export const fold =
  <Event, State>(evolve: (state: State, event: Event) => State, initialState: State) =>
  (events: Iterable<Event>): State => {
    let state = initialState;
    for (const event of events) state = evolve(state, event);
    return state;
  };

/**
 * The state `decider` reaches from `state` through `events`: its linear `replay` if it has one, else the fold. The
 * one fold the core runs: loading an aggregate (loadAggregate) and the command handler's decided events go through it.
 */
export const replayEvents = <Command, Event, State, Error>(
  decider: Decider<Command, Event, State, Error>,
  state: State,
  events: Iterable<Event>,
): State => (decider.replay === undefined ? fold(decider.evolve, state)(events) : decider.replay(state, events));
