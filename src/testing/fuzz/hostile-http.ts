import fc from 'fast-check';

/** Content types a JSON endpoint (or a JSON client) must not take for JSON, and broken spellings of JSON's own. */
export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/html; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'application/json, text/plain',
  'json',
  '*/*',
  '',
] as const;

export const wrongContentTypeArbitrary: fc.Arbitrary<string> = fc.constantFrom(...WRONG_CONTENT_TYPES);

/** Every status code a misbehaving server might answer with, the unusual ones weighted up. */
export const httpStatusArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(200, 201, 204, 206, 301, 302, 304, 400, 401, 403, 404, 409, 410, 413, 418, 422, 429, 500, 502, 503, 504),
  fc.integer({ min: 200, max: 599 }),
);
