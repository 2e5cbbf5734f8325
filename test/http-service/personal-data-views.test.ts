import { describe, expect, it } from 'vitest';
import { idvSessionJson, kycDocumentJson } from '../../src/adapters/http-service/shared/resource-json.js';
import { summarizeEvent } from '../../src/application/audit/event-summary.js';
import { idvSessionDecider, type IdvSession, type IdvSessionEvent } from '../../src/domain/idv-session/index.js';
import { kycDocumentDecider, SEED_PAGE_POLICY, type KycDocument, type KycDocumentEvent } from '../../src/domain/kyc-document/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { ERASED } from '../../src/domain/shared/personal-data.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';

/** What a role is shown of one session and one document whose personal fields are partly erased. */
const at = 1_700_000_000 as UnixTimestamp;
const sessionId = 'idv_1' as MangopayId;
const documentId = 'doc_1' as MangopayId;
const userId = 'user_1' as MangopayId;

const session = [
  { type: 'IdvSessionStarted', sessionId, userId, personType: 'NATURAL', returnUrl: 'https://platform.example/back' as HttpsUrl, hostedUrl: 'https://verify.example/s', creationDate: at },
  {
    type: 'IdvSessionRejected',
    sessionId,
    source: 'mangopay',
    checks: [
      {
        checkId: 'c1' as MangopayId,
        type: 'IDENTITY_DOCUMENT_VERIFICATION',
        status: 'REFUSED',
        dataPoints: [
          { type: 'FIRST_NAME', value: 'Ottoline' },
          { type: 'LAST_NAME', value: ERASED },
        ],
        reasons: [{ type: 'DOCUMENT_EXPIRED', value: 'Expired for Ottoline' }],
      },
    ],
  },
].reduce((state, event) => idvSessionDecider.evolve(state, event as IdvSessionEvent), idvSessionDecider.initialState) as IdvSession;

const decider = kycDocumentDecider(SEED_PAGE_POLICY);
const documentWith = (refusedReasonMessage: unknown): KycDocument =>
  (
    [
      { type: 'KycDocumentCreated', documentId, userId, documentType: 'IDENTITY_PROOF', creationDate: at },
      { type: 'KycDocumentSubmitted', documentId, source: 'platform' },
      { type: 'KycDocumentRefused', documentId, source: 'mangopay', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage, processedDate: at },
    ] as KycDocumentEvent[]
  ).reduce(decider.evolve, decider.initialState) as KycDocument;

describe('personal data as each view shows it', () => {
  it('shows the values as recorded (and erasures as erased) to the platform view', () => {
    const check = idvSessionJson(session, 'shown').Checks[0];
    expect(check).toMatchObject({
      Data: [
        { Type: 'FIRST_NAME', Value: 'Ottoline' },
        { Type: 'LAST_NAME', Value: ERASED },
      ],
      Reasons: [{ Type: 'DOCUMENT_EXPIRED', Value: 'Expired for Ottoline' }],
      RefusalDescription: 'Expired for Ottoline',
    });
    expect(kycDocumentJson(documentWith('Note on Ottoline'), 'shown').RefusedReasonMessage).toBe('Note on Ottoline');
  });

  it('masks every value to the masked view, lists the data points by type, and still shows an erasure as erased', () => {
    const check = idvSessionJson(session, 'masked').Checks[0];
    expect(check).toMatchObject({
      Data: [
        { Type: 'FIRST_NAME', Value: { masked: true } },
        { Type: 'LAST_NAME', Value: ERASED },
      ],
      Reasons: [{ Type: 'DOCUMENT_EXPIRED', Value: { masked: true } }],
      RefusalReason: 'DOCUMENT_EXPIRED',
      RefusalDescription: { masked: true },
    });
    expect(JSON.stringify(idvSessionJson(session, 'masked'))).not.toContain('Ottoline');
    expect(kycDocumentJson(documentWith('Note on Ottoline'), 'masked').RefusedReasonMessage).toEqual({ masked: true });
    expect(kycDocumentJson(documentWith(ERASED), 'masked').RefusedReasonMessage).toEqual(ERASED);
    // Nothing to mask stays nothing.
    expect(kycDocumentJson(documentWith(undefined), 'masked').RefusedReasonMessage).toBeNull();
  });

  it('quotes a refusal message in the timeline only to the shown view', () => {
    const refused: KycDocumentEvent = { type: 'KycDocumentRefused', documentId, source: 'mangopay', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'Note on Ottoline' } as KycDocumentEvent;
    expect(summarizeEvent(refused)).toContain('"Note on Ottoline"');
    expect(summarizeEvent(refused, 'masked')).toBe('REFUSED by Mangopay: DOCUMENT_UNREADABLE — message masked (personal data)');
    expect(summarizeEvent({ ...refused, refusedReasonMessage: ERASED } as KycDocumentEvent, 'masked')).toContain('message erased');
  });
});
