import * as t from 'io-ts';

/**
 * An own `__proto__` key (JSON.parse makes one) would become the prototype of the object io-ts merges an
 * intersection into: it is never a field, so it is dropped before decoding.
 */
const withoutProtoKey = (u: unknown): unknown => {
  if (typeof u !== 'object' || u === null || !Object.prototype.hasOwnProperty.call(u, '__proto__')) return u;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(u)) if (key !== '__proto__') copy[key] = (u as Record<string, unknown>)[key];
  return copy;
};

/** An exact object codec with required and optional fields; unknown fields are stripped, never kept. */
export const struct = <Required extends t.Props, Optional extends t.Props = Record<never, never>>(
  name: string,
  required: Required,
  optional?: Optional,
) => {
  const exact = t.exact(t.intersection([t.type(required), t.partial(optional ?? ({} as Optional))]), name);
  return new t.ExactType(name, exact.is, (u, c) => exact.validate(withoutProtoKey(u), c), exact.encode, exact.type);
};

/** An enumeration of string literals, named so a decoding fault says which vocabulary was expected. */
export const literals = <const Values extends readonly [string, ...string[]]>(name: string, values: Values) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as { [K in Values[number]]: null }, name);
