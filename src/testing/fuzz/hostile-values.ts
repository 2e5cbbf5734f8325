import fc from 'fast-check';
import { hostileStringArbitrary } from './hostile-strings.js';

/** Numbers a field of a JSON body or an event can hold and that break naive checks. */
export const HOSTILE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0.5,
  -1,
  Number.MAX_SAFE_INTEGER + 1,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  5e-324,
  2 ** 31,
  2 ** 53,
] as const;

export const hostileNumberArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.double(),
  fc.integer(),
);

/**
 * Objects whose own keys are `__proto__`, `constructor` or `prototype`. Written as object literals these
 * would set the prototype instead, so they are made the way hostile input really arrives: by JSON.parse.
 */
export const prototypeKeyedObjectArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(
      '{"__proto__":{"polluted":true}}',
      '{"__proto__":null}',
      '{"__proto__":"x"}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"constructor":"x","prototype":1}',
      '{"hasOwnProperty":1,"toString":"x","valueOf":null}',
    ),
    fc.jsonValue({ maxDepth: 1 }),
  )
  // A spread copies an own `__proto__` key as an own key: it stays data, as it came.
  .map(([text, extra]) => ({ ...(JSON.parse(text) as Record<string, unknown>), extra }));

/** An array or object nested `depth` deep around `core`, built without recursion (so any depth is cheap to build). */
export const nestedValue = (depth: number, core: unknown, shape: 'array' | 'object' = 'array'): unknown => {
  let value = core;
  for (let i = 0; i < depth; i++) value = shape === 'array' ? [value] : { nested: value };
  return value;
};

/** Deep nesting, bounded: enough to break a naive recursive walk, not enough to make a test slow. */
export const deeplyNestedArbitrary: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 64, max: 5_000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>, fc.jsonValue({ maxDepth: 0 }))
  .map(([depth, shape, core]) => nestedValue(depth, core, shape));

/** Large arrays and objects, bounded (tens of thousands of items at most). */
export const hugeCollectionArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 1_000, max: 50_000 }).map((length) => Array.from({ length }, (_, i) => i)),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => Object.fromEntries(Array.from({ length }, (_, i) => [`k${i}`, i]))),
);

/** Values that are not JSON at all, for inputs that come from code rather than from a wire. */
export const NON_JSON_VALUES: ReadonlyArray<unknown> = [undefined, new Date(Number.NaN), new Date(0), () => 1, Symbol('s'), 10n, new Map(), new Set([1]), /x/, new Uint8Array(2)];

export interface HostileValueOptions {
  /** Include values JSON cannot hold (undefined, Date, functions, symbols, bigints): for inputs that are not from a wire. */
  readonly nonJson?: boolean;
}

/**
 * A value of the wrong type for any field: hostile strings and numbers, booleans and null, containers,
 * prototype-keyed objects, deep nesting and huge collections.
 */
export const hostileValueArbitrary = ({ nonJson = false }: HostileValueOptions = {}): fc.Arbitrary<unknown> => {
  const json: Array<fc.WeightedArbitrary<unknown>> = [
    { weight: 4, arbitrary: hostileStringArbitrary },
    { weight: 2, arbitrary: hostileNumberArbitrary },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 2, arbitrary: fc.array(hostileStringArbitrary, { maxLength: 4 }) },
    { weight: 2, arbitrary: prototypeKeyedObjectArbitrary },
    { weight: 1, arbitrary: deeplyNestedArbitrary },
    { weight: 1, arbitrary: hugeCollectionArbitrary },
  ];
  return fc.oneof(...json, ...(nonJson ? [{ weight: 2, arbitrary: fc.constantFrom(...NON_JSON_VALUES) }] : []));
};
