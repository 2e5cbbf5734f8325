import fc from 'fast-check';
import { markerArbitrary } from './markers.js';

/** Characters that break naive text handling: lone surrogates, NUL and controls, bidi overrides, separators, a BOM. */
export const AWKWARD_CHARACTERS = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e', // right-to-left override
  '\ufeff',
  '\uffff',
  '\r\n',
  '%00',
  '%',
  '\\',
  '"',
  '/',
  '../',
  '?',
  '#',
  '&',
  '=',
  ',',
] as const;

/** Texts that parse as something else somewhere: dates that are not dates, numbers that overflow, keywords, dot segments. */
export const LOOKALIKE_TEXTS = [
  '',
  ' ',
  '.', // a path segment a URL parser drops: /users/. is /users/
  '..', // one it resolves: /users/.. is /
  '%2e%2E', // a dot segment to a URL parser too, once in a path
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e999',
  '0x10',
  '9007199254740993',
  '-9999999999999999999',
  '1.5',
  '2024-13-45',
  '2024-02-30T25:61:61Z',
  '0000-00-00',
  'Invalid Date',
  '1700000000abc',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'data:image/png;base64,iVBORw0KGgo=',
  'javascript:alert(1)',
  'https://user:secret@example.com/',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '{{7*7}}',
] as const;

/** Lengths just past the limits the domain knows (255, 1000, 2048), and one far past them, kept small enough to be fast. */
const OVERLONG_LENGTHS = [256, 1001, 2049, 70_000] as const;

/** A text of `length` characters that starts with `seed` (so a marker stays whole at the front). */
export const paddedText = (seed: string, length: number): string => (seed.length >= length ? seed : seed + 'x'.repeat(length - seed.length));

const withAwkward = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...AWKWARD_CHARACTERS), fc.string({ maxLength: 12 }))
  .map(([before, awkward, after]) => `${before}${awkward}${after}`);

/**
 * Hostile text: awkward characters, look-alikes, overlong text, arbitrary code units (lone surrogates
 * included), or a marker (alone, in the middle of other text, or padded beyond a limit).
 */
export const hostileStringArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: withAwkward },
  { weight: 3, arbitrary: fc.constantFrom(...LOOKALIKE_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Raw UTF-16 code units: lone and reversed surrogate halves that no well-formed generator gives.
  { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 16 }).map((units) => String.fromCharCode(...units)) },
  { weight: 1, arbitrary: fc.tuple(markerArbitrary, fc.constantFrom(...OVERLONG_LENGTHS)).map(([marker, length]) => paddedText(marker, length)) },
  { weight: 3, arbitrary: markerArbitrary },
  { weight: 2, arbitrary: fc.tuple(withAwkward, markerArbitrary).map(([text, marker]) => `${text} ${marker} ${text}`) },
);
