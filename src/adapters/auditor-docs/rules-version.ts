import { IDV_CHECKS_BY_PERSON_TYPE, IDV_DATA_POINT_FORMATS, IDV_REFUSAL_REASONS_BY_CHECK, idvSessionTransitions } from '../../domain/idv-session/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, kycDocumentTransitions, SEED_PAGE_POLICY } from '../../domain/kyc-document/index.js';
import { canonicalJson } from '../../domain/shared/canonical-json.js';
import { idDigest } from '../../domain/shared/id-digest.js';
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

/**
 * The version of the rules a decision is judged under: a digest of the data the deciders run (transition tables,
 * page policies, IDV check and refusal tables) and of the rules' statements. The same text heads docs/auditors
 * and every export of the auditors' console; any change to a rule changes it (and a renamed test does not).
 */
export const rulesVersion = (): string =>
  `rules-${idDigest(
    // Keys sorted (the project's one canonical JSON): the digest follows the rules, not the order they were written in.
    canonicalJson({
        kycDocumentTransitions,
        idvSessionTransitions,
        userKycTransitions,
        pagePolicies: [SEED_PAGE_POLICY, CURRENT_MANGOPAY_PAGE_POLICY],
        IDV_CHECKS_BY_PERSON_TYPE,
        IDV_DATA_POINT_FORMATS,
        IDV_REFUSAL_REASONS_BY_CHECK,
        statements: [SHARED_ERROR_RULES, KYC_DOCUMENT_ERROR_RULES, IDV_SESSION_ERROR_RULES, USER_KYC_ERROR_RULES, KYC_DOCUMENT_ANOMALY_RULES, IDV_SESSION_ANOMALY_RULES, OBSERVATION_RULES],
    }),
  ).slice(0, 16)}`;
