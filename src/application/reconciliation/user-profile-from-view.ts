import { recognize } from '../../domain/shared/recognized.js';
import { UserCategory, type UserProfile } from '../../domain/user-kyc/index.js';
import type { MangopayUserView } from '../ports/mangopay-api.js';

/**
 * The user as KYC rules see it. A category or legal person type the seeds do not know is kept verbatim (the
 * decider flags it); an absent UserCategory reads as NotSpecified, the word Mangopay's SDKs give an unset one
 * (Mangopay says a user is PAYER by default, https://docs.mangopay.com/concepts/users/categories, but an
 * absent field is not guessed to be that).
 */
export const userProfileFromView = (view: MangopayUserView): UserProfile => {
  const userCategory = view.userCategory ?? recognize(UserCategory)('NotSpecified');
  return view.personType === 'NATURAL'
    ? { personType: 'NATURAL', userCategory }
    : { personType: 'LEGAL', legalPersonType: view.legalPersonType, userCategory };
};
