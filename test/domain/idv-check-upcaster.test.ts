import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { idvSessionEventSchema } from '../../src/domain/idv-session/index.js';

/** Events recorded before checks kept every reason (schema version 1) still decode, nothing of them lost. */
describe('IDV session events of version 1', () => {
  const v1 = (checks: unknown) => ({ type: 'IdvSessionRejected', schemaVersion: 1, data: { type: 'IdvSessionRejected', sessionId: 'idnver_1', source: 'mangopay', checks } });

  it('a check with one refusal reason and description decodes with that reason as its only one', () => {
    const decoded = idvSessionEventSchema.decode(
      v1([{ checkId: 'c1', type: 'PERSONS_SIGNIFICANT_CONTROL', status: 'REFUSED', dataPoints: [], refusalReason: 'PSC_NAME_FAIL', refusalDescription: 'name differs' }]),
    );
    expect(decoded).toEqual(
      E.right(expect.objectContaining({ checks: [{ checkId: 'c1', type: 'PERSONS_SIGNIFICANT_CONTROL', status: 'REFUSED', dataPoints: [], reasons: [{ type: 'PSC_NAME_FAIL', value: 'name differs' }] }] })),
    );
  });

  it("a check recorded as PENDING (a word the core listed, no page documents) decodes with it kept verbatim as unrecognized", () => {
    const decoded = idvSessionEventSchema.decode(v1([{ checkId: 'c1', type: 'IDENTITY_DOCUMENT_VERIFICATION', status: 'PENDING', dataPoints: [] }]));
    expect(decoded).toEqual(E.right(expect.objectContaining({ checks: [{ checkId: 'c1', type: 'IDENTITY_DOCUMENT_VERIFICATION', status: { unrecognized: 'PENDING' }, dataPoints: [] }] })));
  });

  it('a version 1 event without checks decodes as it was', () => {
    expect(idvSessionEventSchema.decode({ type: 'IdvSessionValidated', schemaVersion: 1, data: { type: 'IdvSessionValidated', sessionId: 'idnver_1', source: 'inferred' } })).toEqual(
      E.right({ type: 'IdvSessionValidated', sessionId: 'idnver_1', source: 'inferred' }),
    );
  });
});
