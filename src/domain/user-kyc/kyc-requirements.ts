import type { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import type { UserProfile } from './user-profile.js';

/**
 * The documents a user needs validated for KYC level REGULAR (unless a hosted IDV session was validated):
 * Natural: IDENTITY_PROOF; Soletrader: + REGISTRATION_PROOF; Business and Organization: + REGISTRATION_PROOF
 * and ARTICLES_OF_ASSOCIATION.
 */
export const requiredDocumentsForRegular = (user: UserProfile): ReadonlyArray<KycDocumentType> => {
  if (user.personType === 'NATURAL') return ['IDENTITY_PROOF'];
  switch (user.legalPersonType) {
    case 'SOLETRADER':
      return ['IDENTITY_PROOF', 'REGISTRATION_PROOF'];
    case 'BUSINESS':
    case 'ORGANIZATION':
      return ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'];
  }
};
