import type { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import { knownUserProfile, type KnownUserProfile, type UserProfile } from '../shared/user-profile.js';
import { requiresUboDeclaration } from './ubo-declaration.js';

/**
 * What REGULAR can wait for: a document type, or `UBO_DECLARATION`, a validated UBO declaration (a requirement of
 * its own, not a document type: https://docs.mangopay.com/guides/users/verification/beneficial-owners).
 */
export type RegularRequirement = KycDocumentType | 'UBO_DECLARATION';

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
 * What any user Mangopay has needs for REGULAR (unless a hosted IDV session was validated): the required documents
 * and, for a Business or Partnership, a validated UBO declaration (Mangopay: "always required to verify legal users
 * of the types Business, Partnership", "not required for other types of legal users (nor for natural users)").
 * Null when it cannot be determined: a LegalPersonType or a UserCategory the seeds do not know (Mangopay's
 * requirements differ by both: only an OWNER can request KYC, https://docs.mangopay.com/guides/users/categories) is
 * not guessed at.
 */
export const requiredForRegular = (user: UserProfile): ReadonlyArray<RegularRequirement> | null => {
  const known = knownUserProfile(user);
  if (known === undefined) return null;
  const documents: ReadonlyArray<RegularRequirement> = requiredDocumentsForRegular(known);
  return requiresUboDeclaration(user) ? [...documents, 'UBO_DECLARATION'] : documents;
};
