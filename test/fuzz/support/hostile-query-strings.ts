import fc from 'fast-check';
import { hostileStringArbitrary, markerArbitrary } from '../../../src/testing/fuzz/index.js';

/**
 * Percent-encodes every UTF-16 code unit of `text`. A lone surrogate becomes the three bytes WTF-8 gives it
 * (%ED%A0%80 for U+D800), which no UTF-8 decoder accepts: that is how a lone surrogate reaches a server.
 */
export const percentEncoded = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text.charAt(i));
    }
  }
  return out;
};

/** Escapes a lenient decoder trips on: cut short, not hexadecimal, overlong or invalid UTF-8, NUL, separators. */
export const BROKEN_ESCAPES = ['%', '%%', '%G0', '%2', '%E2%82', '%C0%80', '%C0%AE', '%00', '%FF', '%ED%A0%80', '%ED%BF%BF', '%EF%BF%BF', '+', '%2B', '%26', '%3D', ';', '[]', '[0]', '[a]'] as const;

/** Parameter names besides a route's own: prototype keys, bracket syntax, look-alikes in the wrong case. */
const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__proto__[polluted]', 'constructor[prototype][polluted]', '', ' ', 'a[b][c]', 'x'.repeat(300)] as const;

export interface QueryVocabulary {
  /** The route's parameter names, each with values that are valid or nearly so. */
  readonly known: Readonly<Record<string, ReadonlyArray<string>>>;
}

const encodedHostile = hostileStringArbitrary.map(percentEncoded);

const valueFor = (vocabulary: QueryVocabulary, name: string): fc.Arbitrary<string> => {
  const valid = Object.hasOwn(vocabulary.known, name) ? vocabulary.known[name] : undefined;
  return fc.oneof(
    { weight: valid === undefined ? 0 : 3, arbitrary: fc.constantFrom(...(valid ?? [''])).map(percentEncoded) },
    { weight: 4, arbitrary: encodedHostile },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ESCAPES) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BROKEN_ESCAPES), encodedHostile).map(([escape, text]) => `${text}${escape}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).chain((n) => markerArbitrary.map((m) => `${m}${'9'.repeat(n)}`)) },
  );
};

const nameFrom = (vocabulary: QueryVocabulary): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...Object.keys(vocabulary.known)) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES).map(percentEncoded) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(vocabulary.known)).map((name) => `${name}[]`) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(vocabulary.known)).map((name) => name.toLowerCase()) },
    { weight: 1, arbitrary: encodedHostile },
  );

/** One `name=value` (or a bare name, or a broken separator), the name from the route's own most of the time. */
const pairFrom = (vocabulary: QueryVocabulary): fc.Arbitrary<string> =>
  nameFrom(vocabulary).chain((name) =>
    fc.oneof(
      { weight: 8, arbitrary: valueFor(vocabulary, decodeURIComponentOr(name)).map((value) => `${name}=${value}`) },
      { weight: 1, arbitrary: fc.constant(name) },
      { weight: 1, arbitrary: valueFor(vocabulary, '').map((value) => `${name}=${value}=${value}`) },
    ),
  );

const decodeURIComponentOr = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * A hostile query string for a route (with its `?`): repeated parameters, prototype keys, broken escapes,
 * lone surrogates, NUL, huge values, markers; mostly built from the route's own names so the codecs are reached.
 */
export const hostileQueryStringArbitrary = (vocabulary: QueryVocabulary): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.array(pairFrom(vocabulary), { minLength: 1, maxLength: 6 }).map((pairs) => `?${pairs.join('&')}`) },
    { weight: 1, arbitrary: fc.constantFrom('?', '??', '?&', '?=', '?&&=&', '?#', `?${'&'.repeat(1_000)}`, `?${'a=1&'.repeat(2_000)}`) },
  );
