import fc from 'fast-check';
import { hostileValueArbitrary } from './hostile-values.js';
import { markerArbitrary } from './markers.js';

/**
 * Body texts that are not JSON, or are JSON a naive parser mishandles: the numbers JSON cannot hold (the texts
 * `NaN`, `Infinity`, `1e999`, `-0`), prototype keys, lone surrogate and NUL escapes, a BOM, duplicate keys.
 */
export const HOSTILE_JSON_TEXTS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-1e999',
  '-0',
  'null',
  'true',
  '"text"',
  '[]',
  '{}',
  'undefined',
  "{'single':'quotes'}",
  '{"a":1,}',
  '{"a":01}',
  '{"a":NaN}',
  '{"a":1e999}',
  '{"a":-0}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\ud800"}',
  '{"a":"\\udfff\\ud800"}',
  '{"a":"\\u0000"}',
  '\ufeff{}',
  '{"a":1,"a":2}',
  '{"a":"\u0000"}',
  '{"a":"\\x41"}',
  '/* comment */ {}',
] as const;

/** `[[[…]]]` or `{"a":{"a":…}}` as text, far deeper than any real body. */
export const deeplyNestedJsonText = (depth: number, shape: 'array' | 'object' = 'array'): string =>
  shape === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;

/** JSON text of a value; a value too deep for JSON.stringify (it recurses) becomes the same depth written out. */
const jsonTextOf = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return deeplyNestedJsonText(5_000);
  }
};

/** A JSON text cut short: what a dropped connection or a full disk leaves. Never the whole text. */
export const truncatedJsonTextArbitrary = (value: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.tuple(value, fc.double({ min: 0, max: 1, noNaN: true })).map(([v, fraction]) => {
    const text = jsonTextOf(v);
    return text.slice(0, Math.min(text.length - 1, Math.floor(text.length * fraction)));
  });

/** The JSON text of `value` with `marker` inside a string somewhere, so a leak of any part of the body shows. */
const markedJsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 2 }), markerArbitrary)
  .map(([value, marker]) => JSON.stringify({ value, note: `contact ${marker}` }));

/** Hostile body texts: the fixed list, deep nesting, truncation, hostile values as JSON, and marked JSON. */
export const hostileJsonTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_JSON_TEXTS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>)
      .map(([depth, shape]) => deeplyNestedJsonText(depth, shape)),
  },
  { weight: 2, arbitrary: truncatedJsonTextArbitrary(fc.jsonValue({ maxDepth: 3 })) },
  { weight: 3, arbitrary: hostileValueArbitrary().map(jsonTextOf) },
  { weight: 2, arbitrary: markedJsonText },
);
