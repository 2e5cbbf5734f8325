import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { EventSchema } from '../../src/domain/shared/event-schema.js';
import { IdvSessionEvent, idvSessionEventSchema } from '../../src/domain/idv-session/index.js';
import { KycDocumentEvent, kycDocumentEventSchema } from '../../src/domain/kyc-document/index.js';
import { UserKycEvent, userKycEventSchema } from '../../src/domain/user-kyc/index.js';

/** Each aggregate's event union is built from its schema's one map: the same types, the same codecs. */
describe('event unions derived from the event schemas', () => {
  const unions: ReadonlyArray<{ readonly union: t.Mixed; readonly schema: EventSchema<{ readonly type: string }>; readonly name: string }> = [
    { union: KycDocumentEvent, schema: kycDocumentEventSchema as unknown as EventSchema<{ readonly type: string }>, name: 'KycDocumentEvent' },
    { union: IdvSessionEvent, schema: idvSessionEventSchema as unknown as EventSchema<{ readonly type: string }>, name: 'IdvSessionEvent' },
    { union: UserKycEvent, schema: userKycEventSchema as unknown as EventSchema<{ readonly type: string }>, name: 'UserKycEvent' },
  ];

  it.each(unions)('$name is the union of exactly its schema codecs', ({ union, schema, name }) => {
    expect(union.name).toBe(name);
    expect((union as unknown as { readonly types: ReadonlyArray<unknown> }).types).toEqual(schema.types.map((type) => schema.codecOf(type)));
  });

  it('decodes an event of its aggregate and refuses one of another', () => {
    const created = { type: 'KycDocumentCreated', documentId: 'd1', userId: 'u1', documentType: 'IDENTITY_PROOF', creationDate: 1 };
    expect(KycDocumentEvent.decode(created)).toEqual(E.right(created));
    expect(E.isLeft(UserKycEvent.decode(created))).toBe(true);
  });
});
