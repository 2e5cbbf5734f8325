import { isDeepStrictEqual } from 'node:util';

/**
 * Deep equality of data whatever the objects' prototypes: fast-check (and some JSON parsers) build objects
 * without a prototype, and a value read back from a store has the ordinary one. Maps and Sets compare by content.
 */
export const sameData = (a: unknown, b: unknown): boolean => isDeepStrictEqual(structuredClone(a), structuredClone(b));
