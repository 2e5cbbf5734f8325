import type { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import { knownUserProfile, type KnownUserProfile, type UserProfile } from '../shared/user-profile.js';

/**
 * The documents a user needs validated for KYC level REGULAR (unless a hosted IDV session was validated):
 * Natural: IDENTITY_PROOF; Soletrader: + REGISTRATION_PROOF; Business and Organization: + REGISTRATION_PROOF
 * and ARTICLES_OF_ASSOCIATION; Partnership: + REGISTRATION_PROOF (Mangopay's release note of 2022-11-08: moving a
 * user to PARTNERSHIP puts its REGISTRATION_PROOF out of date, so it needs one; a partnership "doesn't always have"
 * what a BUSINESS has, and Mangopay's requirements page could not be read whole here: the KYC level itself is always
 * Mangopay's, this list is only what the platform shows its user as missing).
 */
export const requiredDocumentsForRegular = (user: KnownUserProfile): ReadonlyArray<KycDocumentType> => {
  if (user.personType === 'NATURAL') return ['IDENTITY_PROOF'];
  switch (user.legalPersonType) {
    case 'SOLETRADER':
    case 'PARTNERSHIP':
      return ['IDENTITY_PROOF', 'REGISTRATION_PROOF'];
    case 'BUSINESS':
    case 'ORGANIZATION':
      return ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'];
  }
};

/**
 * The required documents of any user Mangopay has; null when they cannot be determined: a LegalPersonType or a
 * UserCategory the seeds do not know (Mangopay's requirements differ by both: only an OWNER can request KYC,
 * https://docs.mangopay.com/guides/users/categories) is not guessed at.
 */
export const requiredForRegular = (user: UserProfile): ReadonlyArray<KycDocumentType> | null => {
  const known = knownUserProfile(user);
  return known === undefined ? null : requiredDocumentsForRegular(known);
};
