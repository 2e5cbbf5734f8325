import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { fold, type Decider } from '../../src/domain/shared/decider.js';

/**
 * Given events, when a command, then events or an error: the shape of every example test of a decider.
 * Returns the decision so a test can look closer.
 */
export const deciderSpec = <C, Ev, S, Err extends { readonly type: string }>(decider: Decider<C, Ev, S, Err>) => {
  const stateAfter = fold(decider.evolve, decider.initialState);
  const when = (given: ReadonlyArray<Ev>, command: C) => decider.decide(command, stateAfter(given));
  return {
    stateAfter,
    thenEvents: (given: ReadonlyArray<Ev>, command: C, expected: ReadonlyArray<Ev>): void => {
      expect(when(given, command)).toEqual(E.right(expected));
    },
    thenError: (given: ReadonlyArray<Ev>, command: C, type: Err['type']): Err => {
      const decision = when(given, command);
      if (E.isRight(decision)) throw new Error(`expected ${type}, got events ${JSON.stringify(decision.right)}`);
      expect(decision.left.type).toBe(type);
      return decision.left;
    },
    when,
  };
};
