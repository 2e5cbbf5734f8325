import type * as t from 'io-ts';
import { fieldsOf, isObjectCodec, valueLabel, type Walkable } from './codec-fields.js';
import type { DocCommentOf } from './doc-comments.js';
import { code } from './markdown.js';

/** A named kind of value met in the events, and what it is, in words. */
export interface GlossaryEntry {
  readonly name: string;
  readonly meaning: string;
}

const isNamedKind = (codec: Walkable): boolean =>
  ['KeyofType', 'UnionType', 'RefinementType', 'ExactType', 'IntersectionType', 'InterfaceType', 'PartialType'].includes(codec._tag ?? '');

/** The codecs a codec is made of, one level down: list items, union members, an object's fields, a refined base. */
const partsOf = (codec: Walkable): ReadonlyArray<Walkable> => {
  switch (codec._tag) {
    case 'ReadonlyArrayType':
    case 'ArrayType':
    case 'RefinementType':
      return codec.type === undefined ? [] : [codec.type];
    case 'UnionType':
      return codec.types ?? [];
    default:
      return isObjectCodec(codec) ? fieldsOf(codec).map((field) => field.codec as Walkable) : [];
  }
};

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

const describe = (codec: Walkable, comment: string | undefined): string => {
  const said = comment === undefined ? '' : ` ${sentence(comment)}`;
  switch (codec._tag) {
    case 'KeyofType':
      return `One of ${Object.keys(codec.keys ?? {}).map(code).join(', ')}.${said}`;
    case 'UnionType': {
      const members = codec.types ?? [];
      if (members.every((member) => member._tag === 'LiteralType')) {
        return `One of ${members.map((member) => code(JSON.stringify(member.value))).join(', ')}.${said}`;
      }
      const labels = members.map((member) => valueLabel(member));
      const either = labels.length === 2 ? `Either ${labels[0]} or ${labels[1]}` : `One of ${labels.join(', ')}`;
      return `${either}.${said}`;
    }
    case 'RefinementType': {
      const base = codec.type === undefined ? 'value' : valueLabel(codec.type);
      const kind = base === 'text' ? 'Text' : `A ${base}`;
      return comment === undefined ? `${kind}, checked as ${code(codec.name)}.` : `${kind}.${said}`;
    }
    default: {
      const fields = fieldsOf(codec);
      const listed = (required: boolean) =>
        fields
          .filter((field) => field.required === required)
          .map((field) => `${code(field.name)} (${field.type})`)
          .join(', ');
      const always = listed(true);
      const sometimes = listed(false);
      const shape = `An object with ${always || 'no required field'}${sometimes === '' ? '' : `; and, when present, ${sometimes}`}.`;
      return `${shape}${said}`;
    }
  }
};

/**
 * Every named kind of value reachable from the given codecs (vocabularies, identifiers, nested objects,
 * unions), sorted by name, each described from its codec: a vocabulary lists its values, an object its
 * fields, a checked value its base and the comment its authors wrote.
 */
export const glossaryOf = (codecs: ReadonlyArray<t.Mixed>, commentOf: DocCommentOf): ReadonlyArray<GlossaryEntry> => {
  const entries = new Map<string, GlossaryEntry>();
  const visit = (codec: Walkable): void => {
    if (isNamedKind(codec)) {
      if (entries.has(codec.name)) return;
      const comment = commentOf(codec.name) ?? commentOf(codec.name.replace(/<.*$/, ''));
      entries.set(codec.name, { name: codec.name, meaning: describe(codec, comment) });
    }
    for (const part of partsOf(codec)) visit(part);
  };
  for (const codec of codecs) for (const part of partsOf(codec as Walkable)) visit(part);
  return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
};
