import type { IdvSessionStatus, KycDocumentStatus, UboDeclarationStatus } from './mangopay-words.js';

/**
 * The status changes Mangopay documents, as data. Documents ("The KYC Document object", "Document submission
 * process"): submitted by the platform, then decided by Mangopay's teams; OUT_OF_DATE after validation for every
 * type, and already after submission for an identity proof. Sessions ("View an IDV Session"): PENDING →
 * VALIDATED | REFUSED | REVIEW | EXPIRED, REVIEW (legal users only) → VALIDATED | REFUSED, VALIDATED → OUT_OF_DATE;
 * ERROR is the seed's, kept for its era.
 */
export const DOCUMENT_STEPS: ReadonlyArray<{ readonly from: KycDocumentStatus; readonly to: KycDocumentStatus; readonly identityProofOnly?: true }> = [
  { from: 'CREATED', to: 'VALIDATION_ASKED' },
  { from: 'VALIDATION_ASKED', to: 'VALIDATED' },
  { from: 'VALIDATION_ASKED', to: 'REFUSED' },
  { from: 'VALIDATION_ASKED', to: 'OUT_OF_DATE', identityProofOnly: true },
  { from: 'VALIDATED', to: 'OUT_OF_DATE' },
];

export const SESSION_STEPS: ReadonlyArray<{ readonly from: IdvSessionStatus; readonly to: IdvSessionStatus; readonly legalOnly?: true }> = [
  { from: 'PENDING', to: 'VALIDATED' },
  { from: 'PENDING', to: 'REFUSED' },
  { from: 'PENDING', to: 'REVIEW', legalOnly: true },
  { from: 'PENDING', to: 'EXPIRED' },
  { from: 'PENDING', to: 'ERROR' },
  { from: 'REVIEW', to: 'VALIDATED' },
  { from: 'REVIEW', to: 'REFUSED' },
  { from: 'REVIEW', to: 'ERROR' },
  { from: 'VALIDATED', to: 'OUT_OF_DATE' },
];

/**
 * UBO declarations ("How to submit a UBO Declaration"): submitted CREATED → VALIDATION_ASKED, decided VALIDATED,
 * REFUSED (final: a new declaration is needed) or INCOMPLETE, which "can be modified and re-submitted".
 */
export const UBO_DECLARATION_STEPS: ReadonlyArray<{ readonly from: UboDeclarationStatus; readonly to: UboDeclarationStatus }> = [
  { from: 'CREATED', to: 'VALIDATION_ASKED' },
  { from: 'VALIDATION_ASKED', to: 'VALIDATED' },
  { from: 'VALIDATION_ASKED', to: 'REFUSED' },
  { from: 'VALIDATION_ASKED', to: 'INCOMPLETE' },
  { from: 'INCOMPLETE', to: 'VALIDATION_ASKED' },
];
