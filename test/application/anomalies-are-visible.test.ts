import { describe, expect, it } from 'vitest';
import { idvSessionJson, kycDocumentJson } from '../../src/adapters/http-service/shared/resource-json.js';
import { summarizeEvent } from '../../src/application/audit/event-summary.js';
import { idvSessionDecider, type IdvSessionEvent } from '../../src/domain/idv-session/index.js';
import { kycDocumentDecider, SEED_PAGE_POLICY, type KycDocument, type KycDocumentEvent } from '../../src/domain/kyc-document/index.js';
import type { IdvSession } from '../../src/domain/idv-session/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';

const at = 1_700_000_000 as UnixTimestamp;
const sessionId = 'idv_1' as MangopayId;
const documentId = 'doc_1' as MangopayId;
const userId = 'user_1' as MangopayId;

const started: IdvSessionEvent = {
  type: 'IdvSessionStarted',
  sessionId,
  userId,
  personType: 'NATURAL',
  returnUrl: 'https://platform.example/back' as HttpsUrl,
  hostedUrl: 'https://verify.example/s',
  creationDate: at,
};
const validatedWithAnomaly: IdvSessionEvent = {
  type: 'IdvSessionValidated',
  sessionId,
  source: 'mangopay',
  checks: [{ checkId: 'c1' as MangopayId, type: 'IDENTITY_DOCUMENT_VERIFICATION', status: 'VALIDATED', dataPoints: [{ type: 'BIRTHDATE', value: '10/12/1815' }] }],
  anomalies: [{ path: 'checks.0.dataPoints.0.value', rule: 'UnixTimestamp' }],
} as IdvSessionEvent;
const refusedBare: KycDocumentEvent = {
  type: 'KycDocumentRefused',
  documentId,
  source: 'mangopay',
  anomalies: [{ path: 'refusedReasonType', rule: 'RefusalNeedsReasonType' }],
};

describe("an outcome Mangopay decided that breaks the seeds' rules (with the anomaly)", () => {
  it('IDV_CHECKS_BREAK_RULES: the audit timeline names the anomaly by path and rule, never the value', () => {
    const line = summarizeEvent(validatedWithAnomaly);
    expect(line).toContain('VALIDATED');
    expect(line).toContain('ANOMALY');
    expect(line).toContain('checks.0.dataPoints.0.value (UnixTimestamp)');
    expect(line).not.toContain('1815');
  });

  it('REFUSAL_WITHOUT_REASON_OR_DATE: the audit timeline shows the refusal recorded with the anomaly', () => {
    const line = summarizeEvent(refusedBare);
    expect(line).toContain('REFUSED by Mangopay');
    expect(line).toContain('refusedReasonType (RefusalNeedsReasonType)');
  });

  it('the REST views carry the anomalies of the session and of the document', () => {
    const session = [started, validatedWithAnomaly].reduce(idvSessionDecider.evolve, idvSessionDecider.initialState) as IdvSession;
    expect(idvSessionJson(session)).toMatchObject({ Status: 'VALIDATED', Anomalies: [{ Path: 'checks.0.dataPoints.0.value', Rule: 'UnixTimestamp' }] });
    const decider = kycDocumentDecider(SEED_PAGE_POLICY);
    const events: KycDocumentEvent[] = [
      { type: 'KycDocumentCreated', documentId, userId, documentType: 'IDENTITY_PROOF', creationDate: at },
      { type: 'KycDocumentSubmitted', documentId, source: 'platform' },
      refusedBare,
    ];
    const document = events.reduce(decider.evolve, decider.initialState) as KycDocument;
    expect(kycDocumentJson(document)).toMatchObject({ Status: 'REFUSED', RefusedReasonType: null, Anomalies: [{ Path: 'refusedReasonType', Rule: 'RefusalNeedsReasonType' }] });
  });
});
