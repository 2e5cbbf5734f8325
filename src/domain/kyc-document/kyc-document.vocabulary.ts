import * as t from 'io-ts';
import { literals } from '../shared/codec-helpers.js';

/** Seed 002: KYCDocumentType. */
export const KYC_DOCUMENT_TYPES = [
  'IDENTITY_PROOF',
  'REGISTRATION_PROOF',
  'ARTICLES_OF_ASSOCIATION',
  'SHAREHOLDER_DECLARATION',
  'ADDRESS_PROOF',
] as const;
export const KycDocumentType = literals('KycDocumentType', KYC_DOCUMENT_TYPES);
export type KycDocumentType = t.TypeOf<typeof KycDocumentType>;

/** Seed 002: DocumentStatus. */
export const KYC_DOCUMENT_STATUSES = ['CREATED', 'VALIDATION_ASKED', 'VALIDATED', 'REFUSED', 'OUT_OF_DATE'] as const;
export const KycDocumentStatus = literals('KycDocumentStatus', KYC_DOCUMENT_STATUSES);
export type KycDocumentStatus = t.TypeOf<typeof KycDocumentStatus>;

/** Seed 002: KYCDocRefusedReasonType. */
export const KYC_DOCUMENT_REFUSED_REASON_TYPES = [
  'DOCUMENT_UNREADABLE',
  'DOCUMENT_NOT_ACCEPTED',
  'DOCUMENT_HAS_EXPIRED',
  'DOCUMENT_INCOMPLETE',
  'DOCUMENT_MISSING',
  'DOCUMENT_DO_NOT_MATCH_USER_DATA',
  'DOCUMENT_FALSIFIED',
  'UNDERAGE_PERSON',
  'SPECIFIC_CASE',
] as const;
export const KycDocumentRefusedReasonType = literals('KycDocumentRefusedReasonType', KYC_DOCUMENT_REFUSED_REASON_TYPES);
export type KycDocumentRefusedReasonType = t.TypeOf<typeof KycDocumentRefusedReasonType>;

/**
 * One of a document's `Flags` (KYC Document object): a refusal or flag code, six digits today (009000…). The core
 * holds no list of them: each is kept verbatim as Mangopay sends it (1 to 255 characters), never judged.
 */
export const KycDocumentFlag = t.refinement(t.string, (s) => s.length >= 1 && s.length <= 255, 'KycDocumentFlag');
export const KycDocumentFlags = t.readonlyArray(KycDocumentFlag, 'KycDocumentFlags');
