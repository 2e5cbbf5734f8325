import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { domainError, type DomainError } from './domain-error.js';

/** One fault in an input: where it is and which rule it broke. Never the value itself. */
export interface InputFault {
  readonly path: string;
  readonly rule: string;
}

export interface InvalidInput extends DomainError<'INVALID_INPUT'> {
  readonly faults: ReadonlyArray<InputFault>;
}

/**
 * Where a fault is, and which rule it broke. Intersection members are not part of the path (they are how
 * a codec is built, not where the data is); at a union the fault is reported on the union as a whole, since
 * the value matched none of its members.
 */
type Tagged = t.Mixed & { readonly _tag?: string; readonly type?: Tagged };

/** Exact and refinement codecs wrap another codec and validate through it: look through them. */
const structureOf = (codec: Tagged): Tagged =>
  (codec._tag === 'ExactType' || codec._tag === 'RefinementType') && codec.type !== undefined ? structureOf(codec.type) : codec;

const locate = (context: t.Context): InputFault => {
  const keys: string[] = [];
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1]!.type as Tagged;
    const structure = structureOf(parent);
    if (structure._tag === 'UnionType') return { path: keys.join('.') || '(root)', rule: parent.name };
    if (structure._tag === 'IntersectionType') continue;
    const key = context[i]!.key;
    if (key !== '') keys.push(key);
  }
  const innermost = context[context.length - 1];
  return { path: keys.join('.') || '(root)', rule: innermost === undefined ? 'unknown' : innermost.type.name };
};

export const invalidInput = (faults: ReadonlyArray<InputFault>, subject = 'input'): InvalidInput =>
  domainError('INVALID_INPUT', `Invalid ${subject}: ${faults.map((f) => `${f.path} (${f.rule})`).join(', ')}`, {
    faults,
  });

export const faultsOf = (errors: t.Errors): ReadonlyArray<InputFault> => {
  const seen = new Set<string>();
  const faults: InputFault[] = [];
  for (const error of errors) {
    const located = locate(error.context);
    const fault = error.message === undefined ? located : { path: located.path, rule: error.message };
    const key = `${fault.path}\u0000${fault.rule}`;
    if (!seen.has(key)) {
      seen.add(key);
      faults.push(fault);
    }
  }
  return faults;
};

/**
 * The single way input enters the domain: decode with a codec, and on failure report the paths and
 * rules that failed. The value is never echoed, because it may be personal data or a secret.
 */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>, subject?: string) =>
  (input: unknown): E.Either<InvalidInput, A> => {
    const result = codec.decode(input);
    return E.isRight(result) ? result : E.left(invalidInput(faultsOf(result.left), subject ?? codec.name));
  };
