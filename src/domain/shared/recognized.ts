import * as t from 'io-ts';

/**
 * A value from Mangopay that the domain may not know yet. Known values are kept as themselves;
 * an unknown one is recorded verbatim and flagged (`{ unrecognized }`), never dropped and never a crash.
 */
export interface Unrecognized {
  readonly unrecognized: string;
}

export const Unrecognized = t.exact(
  t.type({ unrecognized: t.refinement(t.string, (s) => s.length >= 1 && s.length <= 255, 'UnrecognizedValue') }),
  'Unrecognized',
);

export type Recognized<Known extends string> = Known | Unrecognized;

export const recognized = <Known extends string>(known: t.Type<Known, Known, unknown>) =>
  t.union([known, Unrecognized], `Recognized<${known.name}>`);

export const isUnrecognized = <Known extends string>(value: Recognized<Known>): value is Unrecognized =>
  typeof value === 'object';

/** Sorts a raw provider value into known or unrecognized. */
export const recognize =
  <Known extends string>(known: t.Type<Known, Known, unknown>) =>
  (raw: string): Recognized<Known> =>
    known.is(raw) ? raw : { unrecognized: raw.slice(0, 255) };
