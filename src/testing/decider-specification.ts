import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { replayEvents, type Decider } from '../domain/shared/decider.js';

/**
 * Given events, when a command, then events, nothing, or a typed error: the shape of every example test of a decider,
 * in the spirit of Emmett's DeciderSpecification, but Either-aware (a business rule refuses with a value, never a
 * throw). The given events are replayed as the command handler replays a stream, so a spec sees the state a real
 * command would.
 *
 *   const spec = DeciderSpecification.for(kycDocumentAggregate(CURRENT_MANGOPAY_PAGE_POLICY).decider);
 *   spec.given([created]).when(submit).thenError('SUBMIT_NEEDS_A_PAGE');
 *   spec.given([created, page]).when(submit).then([submitted]);
 */
export interface DeciderThen<Event, Err extends { readonly type: string }> {
  /** The decision is exactly these events. */
  readonly then: (expected: ReadonlyArray<Event>) => void;
  /** The decision records nothing (a replayed or already-shown command, a stale observation). */
  readonly thenNothing: () => void;
  /** The decision refuses with an error of this type; returned so a test can look closer. */
  readonly thenError: (type: Err['type']) => Err;
  /** The decision itself, for what the three above do not say. */
  readonly decision: () => E.Either<Err, ReadonlyArray<Event>>;
}

export interface DeciderGiven<Command, Event, State, Err extends { readonly type: string }> {
  readonly when: (command: Command) => DeciderThen<Event, Err>;
  /** The state the given events lead to. */
  readonly state: () => State;
}

export interface DeciderSpecification<Command, Event, State, Err extends { readonly type: string }> {
  readonly given: (events: ReadonlyArray<Event>) => DeciderGiven<Command, Event, State, Err>;
}

const forDecider = <Command, Event, State, Err extends { readonly type: string }>(
  decider: Decider<Command, Event, State, Err>,
): DeciderSpecification<Command, Event, State, Err> => ({
  given: (events) => {
    const state = () => replayEvents(decider, decider.initialState, events);
    return {
      state,
      when: (command) => {
        const decision = () => decider.decide(command, state());
        return {
          decision,
          then: (expected) => expect(decision()).toEqual(E.right(expected)),
          thenNothing: () => expect(decision()).toEqual(E.right([])),
          thenError: (type) => {
            const decided = decision();
            if (E.isRight(decided)) throw new Error(`expected the error ${type}, the decider recorded ${JSON.stringify(decided.right.map((event) => (event as { type?: unknown }).type))}`);
            expect(decided.left.type).toBe(type);
            return decided.left;
          },
        };
      },
    };
  },
});

export const DeciderSpecification = { for: forDecider };
