import * as t from 'io-ts';
import { struct } from '../../../domain/shared/codec-helpers.js';

/**
 * The codecs of what a platform sends, speaking the wire's words: a fault names the field as sent and the rule in
 * words with the allowed values (`one of CREATED, VALIDATED`), never an internal type name; and a field or query
 * * parameter the route does not take is refused, since silently ignoring it (a mis-cased `per_page`, a
 * misspelt `Staus`) answers another question than the one asked.
 */

/** `codec` under the rule a platform reads: the failure names `rule`, not the codec's own name. */
export const wireRule = <A, O>(rule: string, codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(rule, codec.is, (u, c) => codec.validate(u, c), codec.encode);

/** A closed vocabulary, whose fault lists the values it takes. */
export const oneOf = <A extends string>(values: ReadonlyArray<A>, codec: t.Type<A, A, unknown>): t.Type<A, A, unknown> =>
  wireRule(`one of ${values.join(', ')}`, codec);

/** Edits (insert, delete, substitute) from one short name to another: small names, a small table. */
const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
};

/**
 * The known name an unknown key misses by case or by at most two letters (`per_page`, `Staus`). Only such a key is
 * shown back: any other key may be a value sent in the wrong place (a secret or a name used as a key), and the
 * service never echoes input, so it is counted instead.
 */
const nearMiss = (key: string, known: ReadonlyArray<string>): string | undefined =>
  known.find((k) => k.toLowerCase() === key.toLowerCase()) ??
  known.find((k) => Math.abs(k.length - key.length) <= 2 && editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);

const takes = (known: ReadonlyArray<string>, what: string): string =>
  known.length === 0 ? `it takes no ${what}` : `it takes ${known.join(', ')}`;

/**
 * An exact object codec (`struct`) that refuses unknown keys (`what`: "field" for a body, "query parameter" for a
 * query): a near miss of a known name is named with the name it misses, any other is counted.
 */
export const closedStruct = <Required extends t.Props, Optional extends t.Props = Record<never, never>>(
  name: string,
  what: 'field' | 'query parameter',
  required: Required,
  optional?: Optional,
) => {
  const open = struct(name, required, optional);
  const known = [...Object.keys(required), ...Object.keys(optional ?? {})];
  return new t.ExactType(
    name,
    open.is,
    (u, c) => {
      const decoded = open.validate(u, c);
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return decoded;
      const unknown = Object.keys(u).filter((key) => !known.includes(key));
      if (unknown.length === 0) return decoded;
      const unnamed = unknown.filter((key) => nearMiss(key, known) === undefined).length;
      const named = unknown.flatMap((key) => {
        const meant = nearMiss(key, known);
        return meant === undefined ? [] : [{ key, rule: `not a ${what} of this route; did you mean ${meant}? Names are case-sensitive` }];
      });
      const counted = unnamed === 0 ? [] : [{ key: `(${unnamed} other ${what}${unnamed === 1 ? '' : 's'}, not shown)`, rule: `not taken by this route; ${takes(known, what)}` }];
      const faults: t.Errors = [...named, ...counted].map(({ key, rule }) => ({
        value: undefined,
        // Under a record entry, so that the fault's path is the key (an exact codec's own entry is looked through).
        context: [...c, { key: '', type: t.UnknownRecord, actual: u }, { key, type: new t.Type<never>(rule, (_): _ is never => false, t.failure, t.identity), actual: undefined }],
      }));
      return t.failures([...(decoded._tag === 'Left' ? decoded.left : []), ...faults]);
    },
    open.encode,
    open.type,
  );
};
