import fc from 'fast-check';
import { hostileStringArbitrary } from './hostile-strings.js';
import { hostileValueArbitrary, prototypeKeyedObjectArbitrary, type HostileValueOptions } from './hostile-values.js';
import { markerArbitrary } from './markers.js';

type Fields = Readonly<Record<string, unknown>>;

/** Field names an attacker tries besides the real ones. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'type', 'Id', 'id', 'FirstName', 'Email', 'ApiKey', 'password', ''] as const;

const keyOf = (object: Fields, index: number): string | undefined => {
  const keys = Object.keys(object);
  return keys.length === 0 ? undefined : keys[index % keys.length];
};

/** Sets an own property, `__proto__` included, without touching any prototype. */
const withOwn = (object: Fields, key: string, value: unknown): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
};

const without = (object: Fields, key: string | undefined): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...object };
  if (key !== undefined) delete copy[key];
  return copy;
};

/**
 * What a near-valid object looks like when it is hostile: a field missing, a field of the wrong type, extra
 * fields (`__proto__` and `constructor` as own keys among them), a marker in a field, or not an object at all.
 * Start from valid objects so that most variants get past the first check and reach the deeper ones.
 */
export const hostileVariantsOf = (valid: fc.Arbitrary<Fields>, options: HostileValueOptions = {}): fc.Arbitrary<unknown> => {
  const hostile = hostileValueArbitrary(options);
  return fc.oneof(
    { weight: 2, arbitrary: fc.tuple(valid, fc.nat()).map(([object, i]) => without(object, keyOf(object, i))) },
    { weight: 4, arbitrary: fc.tuple(valid, fc.nat(), hostile).map(([object, i, value]) => withOwn(object, keyOf(object, i) ?? 'field', value)) },
    { weight: 2, arbitrary: fc.tuple(valid, fc.nat(), markerArbitrary).map(([object, i, marker]) => withOwn(object, keyOf(object, i) ?? 'field', marker)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...EXTRA_KEYS), fc.oneof(hostile, markerArbitrary))
        .map(([object, key, value]) => withOwn(object, key, value)),
    },
    { weight: 1, arbitrary: fc.tuple(valid, prototypeKeyedObjectArbitrary).map(([object, keyed]) => ({ ...object, ...keyed })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.dictionary(hostileStringArbitrary, hostile, { maxKeys: 4 })).map(([object, extra]) => ({ ...object, ...extra })) },
    { weight: 1, arbitrary: valid.map((object) => [object]) },
    { weight: 1, arbitrary: hostile },
  );
};
