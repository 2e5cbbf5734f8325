import type { Decider } from '../../src/domain/shared/decider.js';
import { DeciderSpecification } from '../../src/testing/decider-specification.js';

/**
 * The positional form this project's decider tests were written in, over the exported given/when/then
 * specification (kyc-core/testing's DeciderSpecification), so both say the same thing the same way.
 */
export const deciderSpec = <C, Ev, S, Err extends { readonly type: string }>(decider: Decider<C, Ev, S, Err>) => {
  const spec = DeciderSpecification.for(decider);
  return {
    stateAfter: (given: ReadonlyArray<Ev>): S => spec.given(given).state(),
    thenEvents: (given: ReadonlyArray<Ev>, command: C, expected: ReadonlyArray<Ev>): void => spec.given(given).when(command).then(expected),
    thenError: (given: ReadonlyArray<Ev>, command: C, type: Err['type']): Err => spec.given(given).when(command).thenError(type),
    when: (given: ReadonlyArray<Ev>, command: C) => spec.given(given).when(command).decision(),
  };
};
