import type * as t from 'io-ts';
import { code } from './markdown.js';

/** One field of an event, as an auditor reads it: its name, its kind of value, whether it is always there. */
export interface CodecField {
  readonly name: string;
  /** The value's kind in words (`text`, `list of IdvCheck`, a named type in backticks). */
  readonly type: string;
  readonly required: boolean;
  readonly codec: t.Mixed;
}

/** The parts of an io-ts codec's structure the docs read. */
export type Walkable = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly types?: ReadonlyArray<Walkable>;
  readonly type?: Walkable;
  readonly keys?: Readonly<Record<string, unknown>>;
  readonly value?: unknown;
};

const PRIMITIVE_WORDS: Readonly<Record<string, string>> = {
  StringType: 'text',
  NumberType: 'number',
  BooleanType: 'true or false',
  UnknownType: 'any value',
};

/** A value's kind in words: plain words for text, numbers and lists, the codec's name for everything else. */
export const valueLabel = (codec: t.Mixed): string => {
  const walkable = codec as Walkable;
  const tag = walkable._tag ?? '';
  const word = PRIMITIVE_WORDS[tag];
  if (word !== undefined) return word;
  if (tag === 'LiteralType') return code(JSON.stringify(walkable.value));
  if ((tag === 'ReadonlyArrayType' || tag === 'ArrayType') && walkable.type !== undefined) return `list of ${valueLabel(walkable.type)}`;
  return code(codec.name);
};

/**
 * The fields an object codec declares, read from the codec itself (exact, intersection, type and partial
 * codecs), so the documentation cannot drift from what is decoded.
 */
export const fieldsOf = (codec: t.Mixed, required = true): ReadonlyArray<CodecField> => {
  const walkable = codec as Walkable;
  switch (walkable._tag) {
    case 'ExactType':
    case 'RefinementType':
      return walkable.type === undefined ? [] : fieldsOf(walkable.type, required);
    case 'IntersectionType':
      return (walkable.types ?? []).flatMap((member) => fieldsOf(member, required));
    case 'InterfaceType':
    case 'PartialType': {
      const optional = walkable._tag === 'PartialType';
      return Object.entries(walkable.props ?? {}).map(([name, field]) => ({
        name,
        type: valueLabel(field),
        required: required && !optional,
        codec: field,
      }));
    }
    default:
      return [];
  }
};

/** Whether a codec describes an object with fields. */
export const isObjectCodec = (codec: t.Mixed): boolean =>
  ['ExactType', 'IntersectionType', 'InterfaceType', 'PartialType'].includes((codec as Walkable)._tag ?? '');
