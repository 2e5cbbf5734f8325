import { createHash } from 'node:crypto';
import { IDV_CHECKS_BY_PERSON_TYPE, IDV_DATA_POINT_FORMATS, IDV_REFUSAL_REASONS_BY_CHECK, idvSessionTransitions } from '../../domain/idv-session/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, kycDocumentTransitions, SEED_PAGE_POLICY } from '../../domain/kyc-document/index.js';
import { userKycTransitions } from '../../domain/user-kyc/index.js';
import {
  IDV_SESSION_ANOMALY_RULES,
  IDV_SESSION_ERROR_RULES,
  KYC_DOCUMENT_ANOMALY_RULES,
  KYC_DOCUMENT_ERROR_RULES,
  OBSERVATION_RULES,
  SHARED_ERROR_RULES,
  USER_KYC_ERROR_RULES,
} from './rule-statements.js';

/** JSON with object keys sorted, so the fingerprint depends on the rules, not on the order they were written in. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : typeof value === 'object' && value !== null
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value) ?? 'null';

/**
 * The version of the rules a decision is judged under: a digest of the data the deciders run (transition tables,
 * page policies, IDV check and refusal tables) and of the rules' statements. The same text heads docs/auditors
 * and every export of the auditors' console; any change to a rule changes it (and a renamed test does not).
 */
export const rulesVersion = (): string =>
  `rules-${createHash('sha256')
    .update(
      canonical({
        kycDocumentTransitions,
        idvSessionTransitions,
        userKycTransitions,
        pagePolicies: [SEED_PAGE_POLICY, CURRENT_MANGOPAY_PAGE_POLICY],
        IDV_CHECKS_BY_PERSON_TYPE,
        IDV_DATA_POINT_FORMATS,
        IDV_REFUSAL_REASONS_BY_CHECK,
        statements: [SHARED_ERROR_RULES, KYC_DOCUMENT_ERROR_RULES, IDV_SESSION_ERROR_RULES, USER_KYC_ERROR_RULES, KYC_DOCUMENT_ANOMALY_RULES, IDV_SESSION_ANOMALY_RULES, OBSERVATION_RULES],
      }),
    )
    .digest('hex')
    .slice(0, 16)}`;
