import type { Either } from 'fp-ts/lib/Either.js';

/**
 * An aggregate as a decider: a pure function from (command, state) to events, and a fold.
 * Everything else (I/O, time, ids) stays outside.
 */
export interface Decider<Command, Event, State, Error> {
  readonly initialState: State;
  readonly decide: (command: Command, state: State) => Either<Error, ReadonlyArray<Event>>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds events into a state; the one place replay happens. */
export const fold =
  <Event, State>(evolve: (state: State, event: Event) => State, initialState: State) =>
  (events: Iterable<Event>): State => {
    let state = initialState;
    for (const event of events) state = evolve(state, event);
    return state;
  };
