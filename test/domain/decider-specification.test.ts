import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURRENT_MANGOPAY_PAGE_POLICY, kycDocumentDecider, type KycDocumentCommand, type KycDocumentEvent } from '../../src/domain/kyc-document/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { DeciderSpecification } from '../../src/testing/index.js';
import { pageFile } from '../support/page-files.js';

/** kyc-core/testing's given/when/then, as a test team uses it, on seed 002's first rules of a document. */
const documentId = '8494514' as MangopayId;
const userId = '8494500' as MangopayId;
const created: KycDocumentEvent = { type: 'KycDocumentCreated', documentId, userId, documentType: 'ADDRESS_PROOF', creationDate: 1_700_000_000 as UnixTimestamp };
const file = pageFile('PNG', 4 * 1024);
const bytes = Buffer.from(file, 'base64');
const page: KycDocumentEvent = { type: 'KycPageAdded', documentId, pageNumber: 1, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length, format: 'PNG' };
const submit: KycDocumentCommand = { type: 'SubmitKycDocument', documentId, userId };

describe('DeciderSpecification (kyc-core/testing)', () => {
  const spec = DeciderSpecification.for(kycDocumentDecider(CURRENT_MANGOPAY_PAGE_POLICY));

  it('then: the events a command records on the state the given events lead to', () => {
    spec.given([created]).when({ type: 'AddKycPage', documentId, userId, file }).then([page]);
    spec.given([created, page]).when(submit).then([{ type: 'KycDocumentSubmitted', documentId, source: 'platform' }]);
  });

  it('thenError: the typed refusal, returned for a closer look', () => {
    expect(spec.given([created]).when(submit).thenError('SUBMIT_NEEDS_A_PAGE')).toMatchObject({ type: 'SUBMIT_NEEDS_A_PAGE' });
  });

  it('thenNothing: a command whose effect is already recorded (the create Mangopay answered, its hook first)', () => {
    spec.given([created]).when({ type: 'CreateKycDocument', documentId, userId, documentType: 'ADDRESS_PROOF', creationDate: 1_700_000_000 as UnixTimestamp }).thenNothing();
  });

  it('fails the test when the decision differs, naming what was recorded instead of the error', () => {
    expect(() => spec.given([created]).when(submit).then([])).toThrow();
    expect(() => spec.given([created, page]).when(submit).thenError('SUBMIT_NEEDS_A_PAGE')).toThrow(/KycDocumentSubmitted/);
  });

  it('state: where the given events lead', () => {
    expect(spec.given([created, page]).state()).toMatchObject({ status: 'CREATED', pages: [{ pageNumber: 1 }] });
  });
});
