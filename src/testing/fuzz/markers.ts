import fc from 'fast-check';

const LOWER_ALNUM = 'abcdefghijkmnpqrstuvwxyz23456789'.split('');
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'.split('');

/**
 * Values that look like personal data (`PII-…`, a name) or a live secret (`sk_live_…`). A test plants them in
 * hostile input and then asserts that they never come back: not in an error, a response body or a log line.
 * They use only letters, digits, `-` and `_`, which JSON and URL encoding leave as they are, so a plain
 * substring search finds them wherever they were copied. The random part makes a false match impossible.
 */
export const personalDataMarkerArbitrary: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...LOWER_ALNUM), minLength: 12, maxLength: 12 })
  .map((random) => `PII-${random}`);

export const secretMarkerArbitrary: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...ALNUM), minLength: 24, maxLength: 24 })
  .map((random) => `sk_live_${random}`);

/** Either kind of marker. */
export const markerArbitrary: fc.Arbitrary<string> = fc.oneof(personalDataMarkerArbitrary, secretMarkerArbitrary);

/** Every marker shape, for scanning text (a log, a body) without knowing which markers were planted. */
export const MARKER_PATTERN = /PII-[a-z0-9]{12}|sk_live_[A-Za-z0-9]{24}/g;

/** The markers found in `text`: the planted ones when given, else anything of a marker's shape. */
export const markersIn = (text: string, planted?: ReadonlyArray<string>): ReadonlyArray<string> =>
  planted === undefined ? [...text.matchAll(MARKER_PATTERN)].map((match) => match[0]) : planted.filter((marker) => text.includes(marker));

/** Text of any value (JSON where it can be, else its string form), for a marker search. */
export const searchableText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
};
