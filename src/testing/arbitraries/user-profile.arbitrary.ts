import fc from 'fast-check';
import type { IdvEligibilityError } from '../../domain/idv-session/idv-eligibility.js';
import { LEGAL_PERSON_TYPES, USER_CATEGORIES, type LegalPersonType, type UserCategory } from '../../domain/shared/user-vocabulary.js';
import type { UserProfile } from '../../domain/shared/user-profile.js';

export const naturalProfile = (userCategory: UserCategory): UserProfile => ({ personType: 'NATURAL', userCategory });
export const legalProfile = (legalPersonType: LegalPersonType, userCategory: UserCategory): UserProfile => ({
  personType: 'LEGAL',
  legalPersonType,
  userCategory,
});

/** Any user Mangopay may hold: Natural, or Legal of any LegalPersonType; any UserCategory. */
export const userProfileArbitrary: fc.Arbitrary<UserProfile> = fc.oneof(
  fc.constantFrom(...USER_CATEGORIES).map(naturalProfile),
  fc.tuple(fc.constantFrom(...LEGAL_PERSON_TYPES), fc.constantFrom(...USER_CATEGORIES)).map(([type, category]) => legalProfile(type, category)),
);

/** A word Mangopay may add next (never one the seeds know). */
const addedWord = (known: ReadonlyArray<string>) =>
  fc.stringMatching(/^[A-Z][A-Z_]{0,19}$/).filter((word) => !known.includes(word)).map((unrecognized) => ({ unrecognized }));

/** Any user Mangopay may hold today or later: also a LegalPersonType or UserCategory the seeds do not know, verbatim. */
export const anyUserProfileArbitrary: fc.Arbitrary<UserProfile> = fc.oneof(
  userProfileArbitrary,
  fc.oneof(fc.constantFrom(...USER_CATEGORIES), addedWord(USER_CATEGORIES)).chain((userCategory) =>
    fc.oneof(
      fc.constant<UserProfile>({ personType: 'NATURAL', userCategory }),
      fc.oneof(fc.constantFrom(...LEGAL_PERSON_TYPES), addedWord(LEGAL_PERSON_TYPES)).map(
        (legalPersonType): UserProfile => ({ personType: 'LEGAL', legalPersonType, userCategory }),
      ),
    ),
  ),
);

/** Mangopay's hosted IDV guide: Natural, Legal SOLETRADER, BUSINESS and ORGANIZATION users who are OWNERs (seed 000 named the first three). */
export const IDV_ELIGIBLE_PROFILES: ReadonlyArray<UserProfile> = [
  naturalProfile('OWNER'),
  legalProfile('SOLETRADER', 'OWNER'),
  legalProfile('BUSINESS', 'OWNER'),
  legalProfile('ORGANIZATION', 'OWNER'),
];

export const idvEligibleProfileArbitrary: fc.Arbitrary<UserProfile> = fc.constantFrom(...IDV_ELIGIBLE_PROFILES);

export type IdvEligibilityErrorType = IdvEligibilityError['type'];

/** A user seed 000 keeps out of hosted IDV, tagged with the refusals that fit (both, when it breaks both rules). */
export interface IneligibleProfile {
  readonly user: UserProfile;
  readonly expected: ReadonlyArray<IdvEligibilityErrorType>;
}

const NOT_OWNER: ReadonlyArray<UserCategory> = ['PAYER', 'PLATFORM'];

/**
 * Ineligible users of the given person type: non-owners, and Legal PARTNERSHIP users (Mangopay's hosted IDV guide: "not
 * available for the Legal Partnership type"), who break the type rule, and the owner rule as well when not owners.
 */
export const idvIneligibleProfileArbitrary = (personType?: UserProfile['personType']): fc.Arbitrary<IneligibleProfile> => {
  const notOwners = fc
    .tuple(fc.constantFrom(...IDV_ELIGIBLE_PROFILES.filter((p) => personType === undefined || p.personType === personType)), fc.constantFrom(...NOT_OWNER))
    .map(([profile, userCategory]): IneligibleProfile => ({ user: { ...profile, userCategory }, expected: ['IDV_USER_NOT_OWNER'] }));
  if (personType === 'NATURAL') return notOwners;
  const partnerships = fc.constantFrom(...USER_CATEGORIES).map(
    (userCategory): IneligibleProfile => ({
      user: legalProfile('PARTNERSHIP', userCategory),
      expected: userCategory === 'OWNER' ? ['IDV_USER_TYPE_NOT_ELIGIBLE'] : ['IDV_USER_TYPE_NOT_ELIGIBLE', 'IDV_USER_NOT_OWNER'],
    }),
  );
  return fc.oneof(notOwners, partnerships);
};
