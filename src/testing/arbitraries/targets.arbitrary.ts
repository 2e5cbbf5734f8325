import fc from 'fast-check';
import { KYC_DOCUMENT_TYPES } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, SEED_PAGE_POLICY, type PagePolicy } from '../../domain/kyc-document/page-policy.js';
import type { IdvSessionTarget } from './idv-session-command.arbitrary.js';
import { mangopayIdArbitrary } from './identifiers.arbitrary.js';
import type { KycDocumentTarget } from './kyc-document-command.arbitrary.js';
import type { UserKycTarget } from './user-kyc-command.arbitrary.js';
import { idvEligibleProfileArbitrary } from './user-profile.arbitrary.js';

/** A document of any type, under one of the given page policies (the seed's and today's Mangopay rules by default). */
export const kycDocumentTargetArbitrary = (
  policies: ReadonlyArray<PagePolicy> = [SEED_PAGE_POLICY, CURRENT_MANGOPAY_PAGE_POLICY],
): fc.Arbitrary<KycDocumentTarget> =>
  fc.record({
    documentId: mangopayIdArbitrary(),
    userId: mangopayIdArbitrary(),
    documentType: fc.constantFrom(...KYC_DOCUMENT_TYPES),
    policy: fc.constantFrom(...policies),
  });

/** A session for a user seed 000 lets start one. */
export const idvSessionTargetArbitrary: fc.Arbitrary<IdvSessionTarget> = fc.record({ sessionId: mangopayIdArbitrary(), user: idvEligibleProfileArbitrary });

export const userKycTargetArbitrary: fc.Arbitrary<UserKycTarget> = fc.record({ userId: mangopayIdArbitrary() });
