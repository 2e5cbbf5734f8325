import * as t from 'io-ts';

/**
 * What a personal field reads as once its owner's key has been destroyed (crypto-shredding): a typed value,
 * not a string, so no rule can mistake it for a name or a message, and every reader has to decide what to show.
 */
export interface Erased {
  readonly erased: true;
}

export const Erased = t.exact(t.type({ erased: t.literal(true) }), 'Erased');

export const ERASED: Erased = { erased: true };

export const isErased = (value: unknown): value is Erased =>
  typeof value === 'object' && value !== null && (value as { readonly erased?: unknown }).erased === true;

/** A personal field as events record it: the value, or the redaction marker after erasure. */
export type Personal<A> = A | Erased;

export const personal = <C extends t.Mixed>(codec: C) => t.union([codec, Erased], `Personal<${codec.name}>`);

/**
 * Where personal data sits in an event's serialized data: dot-separated keys, `*` for every item of an
 * array (e.g. `checks.*.dataPoints.*.value`). A path whose field is absent in an event is simply skipped.
 */
export type PersonalFieldPath = string;

/**
 * Which fields of which events are personal data, and whose: declared once per aggregate, as data, next to
 * its events. Every event type must be listed (with `[]` when it holds none), so a new event cannot be
 * added without deciding. The subject is the user whose key protects the stream's personal fields.
 */
export interface PersonalDataDeclaration<Event extends { readonly type: string }, State> {
  readonly fields: { readonly [K in Event['type']]: ReadonlyArray<PersonalFieldPath> };
  readonly subjectOf: (state: State) => string | undefined;
}

/**
 * Whether an observation says the same as what was recorded, where a recorded value that has been
 * erased matches whatever is observed: after erasure, re-reading Mangopay must not record the same
 * facts again and again just because the local copy of the personal data is gone.
 */
export const matchesRecorded = (observed: unknown, recorded: unknown): boolean => {
  if (isErased(recorded)) return true;
  if (observed === recorded) return true;
  if (observed === null || recorded === null || typeof observed !== 'object' || typeof recorded !== 'object') return false;
  if (Array.isArray(observed)) {
    if (!Array.isArray(recorded) || observed.length !== recorded.length) return false;
    return observed.every((item, i) => matchesRecorded(item, recorded[i]));
  }
  if (Array.isArray(recorded)) return false;
  const o = observed as Record<string, unknown>;
  const r = recorded as Record<string, unknown>;
  const oKeys = Object.keys(o).filter((key) => o[key] !== undefined);
  const rKeys = Object.keys(r).filter((key) => r[key] !== undefined);
  if (oKeys.length !== rKeys.length) return false;
  return oKeys.every((key) => Object.prototype.hasOwnProperty.call(r, key) && matchesRecorded(o[key], r[key]));
};
