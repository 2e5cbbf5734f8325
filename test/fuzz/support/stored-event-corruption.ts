import fc from 'fast-check';
import { kycDocumentEventSchema } from '../../../src/domain/kyc-document/index.js';
import { deeplyNestedJsonText, markerArbitrary, paddedText, prototypeKeyedObjectArbitrary } from '../../../src/testing/fuzz/index.js';

/** One way a stored event row can be damaged. `data` and `metadata` are the new JSON text of those columns. */
export type Corruption =
  | { readonly column: 'data'; readonly json: string; readonly why: string }
  | { readonly column: 'metadata'; readonly json: string; readonly why: string }
  | { readonly column: 'type'; readonly value: string; readonly why: string }
  | { readonly column: 'schemaVersion'; readonly value: number; readonly why: string };

export interface CorruptionLimits {
  /** Whether the column holds any text (SQLite's TEXT), so JSON cut short can be stored; PostgreSQL's json cannot. */
  readonly truncatedJson: boolean;
  /** Whether a text column holds NUL and lone surrogates (PostgreSQL's text refuses NUL). */
  readonly anyText: boolean;
  /** The largest schema version the column holds (SQLite: 64-bit, PostgreSQL: 32-bit). */
  readonly maxSchemaVersion: number;
}

type Data = Readonly<Record<string, unknown>>;

const KYC_DOCUMENT_EVENT_TYPES = kycDocumentEventSchema.types;

/** Values no KycDocument event field of the kind `documentId` or `type` accepts (ids are 1 to 255 URL-safe characters). */
const notAnIdOrType = (marker: string): ReadonlyArray<unknown> => [
  null,
  42,
  0,
  true,
  '',
  [],
  {},
  'a/b',
  `${marker} Jane Doe`,
  paddedText(marker, 256),
  { nested: marker },
  [marker],
];

/** Data of the wrong shape: every variant is sure to fail decoding (a required field is gone or wrong, or it is no object). */
const wrongShape = (original: Data): fc.Arbitrary<Corruption> =>
  fc.oneof(
    fc.constantFrom('null', '[]', '"text"', '42', 'true', '-0', '1e999').map((json) => ({ column: 'data' as const, json, why: `data is ${json}` })),
    fc.constant({ column: 'data' as const, json: JSON.stringify([original]), why: 'data wrapped in an array' }),
    fc.constantFrom('type', 'documentId').map((field) => {
      const { [field]: _dropped, ...rest } = original;
      return { column: 'data' as const, json: JSON.stringify(rest), why: `data without ${field}` };
    }),
    fc
      .tuple(fc.constantFrom('type', 'documentId'), markerArbitrary, fc.nat())
      .map(([field, marker, i]) => {
        const values = notAnIdOrType(marker);
        const value = values[i % values.length];
        return { column: 'data' as const, json: JSON.stringify({ ...original, [field]: value }), why: `data.${field} replaced` };
      }),
    fc
      .constantFrom(...KYC_DOCUMENT_EVENT_TYPES)
      .filter((type) => type !== original['type'])
      .map((type) => ({ column: 'data' as const, json: JSON.stringify({ ...original, type }), why: `data.type says ${type}` })),
    prototypeKeyedObjectArbitrary.map((keyed) => ({ column: 'data' as const, json: JSON.stringify(keyed), why: 'data holds prototype keys only' })),
    fc.integer({ min: 1_000, max: 50_000 }).map((depth) => ({ column: 'data' as const, json: deeplyNestedJsonText(depth), why: `data nested ${depth} deep` })),
  );

const truncated = (original: Data): fc.Arbitrary<Corruption> => {
  const text = JSON.stringify(original);
  return fc.integer({ min: 0, max: text.length - 1 }).map((end) => ({ column: 'data' as const, json: text.slice(0, end), why: `data cut at ${end}` }));
};

const unknownType = (original: string, limits: CorruptionLimits): fc.Arbitrary<Corruption> =>
  fc
    .oneof(
      fc.constantFrom('KycDocumentDeleted', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', `${original} `, original.toLowerCase(), 'UserRegistered'),
      fc.constantFrom(...KYC_DOCUMENT_EVENT_TYPES).filter((type) => type !== original),
      limits.anyText ? fc.constantFrom('\u0000', '\ud800', `${original}\u0000`) : fc.constant('Kyc\u00e9'),
    )
    .map((value) => ({ column: 'type' as const, value, why: `type is ${JSON.stringify(value)}` }));

const badSchemaVersion = (limits: CorruptionLimits): fc.Arbitrary<Corruption> =>
  fc
    .constantFrom(0, -1, 2, 99, -2_147_483_648, 2_147_483_647, limits.maxSchemaVersion)
    .map((value) => ({ column: 'schemaVersion' as const, value, why: `schema version ${value}` }));

/** Metadata a reader cannot trust: no command id and time, or not an object. */
const badMetadata = (limits: CorruptionLimits): fc.Arbitrary<Corruption> =>
  fc
    .constantFrom('null', '[]', '"text"', '42', '{}', '{"commandId":42,"occurredAt":"2026-01-01T00:00:00.000Z"}', '{"occurredAt":"2026-01-01T00:00:00.000Z"}', '{"commandId":"cmd"}', ...(limits.truncatedJson ? ['{"commandId":"cm'] : []))
    .map((json) => ({ column: 'metadata' as const, json, why: `metadata is ${json}` }));

/** Every damage a row of this store can hold, for the event whose type and data are given. */
export const corruptionArbitrary = (type: string, data: Data, limits: CorruptionLimits): fc.Arbitrary<Corruption> =>
  fc.oneof(
    { weight: 4, arbitrary: wrongShape(data) },
    ...(limits.truncatedJson ? [{ weight: 2, arbitrary: truncated(data) }] : []),
    { weight: 2, arbitrary: unknownType(type, limits) },
    { weight: 2, arbitrary: badSchemaVersion(limits) },
    { weight: 2, arbitrary: badMetadata(limits) },
  );
