import fc from 'fast-check';
import type { Recognized, Unrecognized } from '../../domain/shared/recognized.js';

/** Words Mangopay uses today or might add: what an adapter records verbatim when the domain does not know them. */
const NEWER_WORDS = ['REFUSED', 'OUT_OF_DATE', 'EXPIRED', 'ARCHIVED', 'IN_PROGRESS', 'SUSPENDED', 'CANCELLED', 'ON_HOLD', 'validated', 'Pending'];

/** A value the domain does not know, as Mangopay sent it (1 to 255 characters, never one of `known`). */
export const unrecognizedArbitrary = (known: ReadonlyArray<string>): fc.Arbitrary<Unrecognized> =>
  fc
    .oneof({ weight: 3, arbitrary: fc.constantFrom(...NEWER_WORDS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 255 }) })
    .filter((value) => !known.includes(value))
    .map((unrecognized) => ({ unrecognized }));

/**
 * A status as observed at Mangopay: one of the seed's, or (with the given weight out of 10) one it does not
 * know. `weights` favours some known values (1 each by default), e.g. to reach deep states more often.
 */
export const observedStatusArbitrary = <Known extends string>(
  known: ReadonlyArray<Known>,
  unrecognizedWeight = 2,
  weights: Partial<Readonly<Record<Known, number>>> = {},
): fc.Arbitrary<Recognized<Known>> =>
  fc.oneof(
    {
      weight: 10 - unrecognizedWeight,
      arbitrary: fc.oneof(...known.map((value) => ({ weight: weights[value] ?? 1, arbitrary: fc.constant(value) }))),
    },
    { weight: unrecognizedWeight, arbitrary: unrecognizedArbitrary(known) },
  );
