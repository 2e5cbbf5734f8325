import { BUSINESS_OWNER, NATURAL_OWNER, SOLETRADER_OWNER, kycHistory, type KycHistory } from './kyc-history.js';

/**
 * Seven documents of three users, in every status, two pairs created at the same second (the tie-break on
 * the id shows), one refused with a reason Mangopay has and the domain does not, one diverged; and four
 * sessions; the users hear of their validated documents and sessions. In creation order: d01 d02 (1000) d03 (1005) d04 d05 (1010) d06 (1020) d07 (1030).
 */
export const listScenario = async (): Promise<KycHistory> => {
  const h = kycHistory();
  await h.user('u1', NATURAL_OWNER);
  await h.user('u2', SOLETRADER_OWNER);
  await h.user('u3', BUSINESS_OWNER);

  await h.document('d02', 'u1', 'ADDRESS_PROOF', 1000);
  await h.document('d01', 'u1', 'IDENTITY_PROOF', 1000, 'first');
  await h.document('d03', 'u2', 'IDENTITY_PROOF', 1005);
  await h.document('d05', 'u3', 'ARTICLES_OF_ASSOCIATION', 1010);
  await h.document('d04', 'u2', 'REGISTRATION_PROOF', 1010);
  await h.document('d06', 'u3', 'SHAREHOLDER_DECLARATION', 1020);
  await h.document('d07', 'u1', 'IDENTITY_PROOF', 1030);

  await h.addPage('d01');
  await h.addPage('d01');
  await h.submit('d01', 'submitted');
  await h.observeDocument('d01', { status: 'VALIDATED', processedDate: 1100 });
  await h.recordDocumentForUser('u1', 'd01', 'IDENTITY_PROOF', 'VALIDATED');

  await h.addPage('d02');
  await h.submit('d02');
  await h.observeDocument('d02', { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'blurry photo of Jane Doe', processedDate: 1101 });

  await h.addPage('d03');
  await h.submit('d03');

  await h.addPage('d05');
  await h.submit('d05');
  await h.observeDocument('d05', { status: 'VALIDATED', processedDate: 1102 });
  await h.recordDocumentForUser('u3', 'd05', 'ARTICLES_OF_ASSOCIATION', 'VALIDATED');
  await h.observeDocument('d05', { status: 'OUT_OF_DATE' });
  await h.recordDocumentForUser('u3', 'd05', 'ARTICLES_OF_ASSOCIATION', 'OUT_OF_DATE');

  // From CREATED straight to REFUSED: the submission is inferred.
  await h.addPage('d06');
  await h.observeDocument('d06', { status: 'REFUSED', refusedReasonType: { unrecognized: 'NEW_REASON' }, processedDate: 1103 });

  // VALIDATED cannot become REFUSED: a divergence, the status is kept.
  await h.addPage('d07');
  await h.submit('d07');
  await h.observeDocument('d07', { status: 'VALIDATED', processedDate: 1104 });
  await h.observeDocument('d07', { status: 'REFUSED', refusedReasonType: 'DOCUMENT_FALSIFIED', processedDate: 1105 });

  await h.startSession('s1', 'u1', NATURAL_OWNER, 1000, 'a');
  await h.startSession('s2', 'u1', NATURAL_OWNER, 1001);
  await h.startSession('s3', 'u1', NATURAL_OWNER, 999);
  await h.startSession('s4', 'u3', BUSINESS_OWNER, 1000);
  await h.observeSession('s1', 'REVIEW');
  await h.observeSession('s1', 'VALIDATED');
  await h.recordSessionForUser('u1', 's1', 'VALIDATED');
  await h.observeSession('s3', { unrecognized: 'SOMETHING_NEW' });
  return h;
};
