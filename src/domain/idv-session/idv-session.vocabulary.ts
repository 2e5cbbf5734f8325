import type * as t from 'io-ts';
import { literals } from '../shared/codec-helpers.js';

/** Seed 000: the Status of a hosted IDV session. */
export const IDV_SESSION_STATUSES = ['PENDING', 'REVIEW', 'VALIDATED', 'REJECTED', 'TIMEOUT', 'ERROR', 'OUTDATED'] as const;
export const IdvSessionStatus = literals('IdvSessionStatus', IDV_SESSION_STATUSES);
export type IdvSessionStatus = t.TypeOf<typeof IdvSessionStatus>;

/** Seed 000: the check types carried out during a session. */
export const IDV_CHECK_TYPES = ['IDENTITY_DOCUMENT_VERIFICATION', 'BUSINESS_VERIFICATION', 'PERSONS_SIGNIFICANT_CONTROL'] as const;
export const IdvCheckType = literals('IdvCheckType', IDV_CHECK_TYPES);
export type IdvCheckType = t.TypeOf<typeof IdvCheckType>;

/**
 * The outcome of one check, as the IDV Session object documents `Checks.CheckStatus` (VALIDATED, REFUSED). The
 * core used to list PENDING too, a word no page documents: a check in that status is now kept verbatim as
 * unrecognized, like any word Mangopay sends that the core does not know (upcast from older events).
 */
export const IDV_CHECK_STATUSES = ['VALIDATED', 'REFUSED'] as const;
export const IdvCheckStatus = literals('IdvCheckStatus', IDV_CHECK_STATUSES);
export type IdvCheckStatus = t.TypeOf<typeof IdvCheckStatus>;

/** Seed 000: verified data points, per user type and check type. */
export const IDV_DATA_POINT_TYPES = [
  'FIRST_NAME',
  'LAST_NAME',
  'BIRTHDATE',
  'NATIONALITY',
  'RESIDENCY',
  'COMPANY_NAME',
  'COMPANY_NUMBER',
  'LEGAL_REPRESENTATIVE_FIRST_NAME',
  'LEGAL_REPRESENTATIVE_LAST_NAME',
  'LEGAL_REPRESENTATIVE_BIRTHDATE',
  'LEGAL_REPRESENTATIVE_NATIONALITY',
  'LEGAL_REPRESENTATIVE_FIRST_RESIDENCY',
] as const;
export const IdvDataPointType = literals('IdvDataPointType', IDV_DATA_POINT_TYPES);
export type IdvDataPointType = t.TypeOf<typeof IdvDataPointType>;

/** Seed 000: the refusal reasons glossary (all check types together; which applies where is a rule). */
export const IDV_REFUSAL_REASONS = [
  'TIMEOUT',
  'EXPIRED_CREDENTIALS',
  'ERROR',
  'DOCUMENT_FALSIFIED',
  'DOCUMENT_NOT_ACCEPTED',
  'DOCUMENT_TYPE_NOT_SUPPORTED',
  'DOCUMENT_EXPIRED',
  'DOCUMENT_UNREADABLE',
  'DOCUMENT_INCOMPLETE',
  'FACE_MATCH_FAIL',
  'DOCUMENT_HAS_EXPIRED',
  'PSC_MATCH_FAIL',
  'PSC_NAME_FAIL',
] as const;
export const IdvRefusalReason = literals('IdvRefusalReason', IDV_REFUSAL_REASONS);
export type IdvRefusalReason = t.TypeOf<typeof IdvRefusalReason>;
