import * as t from 'io-ts';
import type { Anomaly } from './anomaly.js';
import { struct } from './codec-helpers.js';
import { isUnrecognized, recognized, type Recognized } from './recognized.js';
import { LegalPersonType, UserCategory } from './user-vocabulary.js';

/**
 * Who a user is, as far as KYC rules care: natural or legal (with its LegalPersonType), and its UserCategory.
 * A type or category Mangopay adds is a user Mangopay has: kept verbatim (`{ unrecognized }`) and flagged.
 */
export const NaturalUserProfile = struct('NaturalUserProfile', {
  personType: t.literal('NATURAL'),
  userCategory: recognized(UserCategory),
});
export const LegalUserProfile = struct('LegalUserProfile', {
  personType: t.literal('LEGAL'),
  legalPersonType: recognized(LegalPersonType),
  userCategory: recognized(UserCategory),
});
export const UserProfile = t.union([NaturalUserProfile, LegalUserProfile], 'UserProfile');
export type UserProfile = t.TypeOf<typeof UserProfile>;

/** A profile whose type and category the seeds' rules know. */
export type KnownUserProfile =
  | { readonly personType: 'NATURAL'; readonly userCategory: UserCategory }
  | { readonly personType: 'LEGAL'; readonly legalPersonType: LegalPersonType; readonly userCategory: UserCategory };


/** Where the profile holds a word the seeds do not know: path and rule, never the value. */
export const userProfileAnomalies = (profile: UserProfile): ReadonlyArray<Anomaly> => [
  ...(profile.personType === 'LEGAL' && isUnrecognized(profile.legalPersonType) ? [{ path: 'user.legalPersonType', rule: 'KnownLegalPersonType' }] : []),
  ...(isUnrecognized(profile.userCategory) ? [{ path: 'user.userCategory', rule: 'KnownUserCategory' }] : []),
];

/** The profile as the seeds' rules know it, or undefined when its type or category is one they do not know. */
export const knownUserProfile = (profile: UserProfile): KnownUserProfile | undefined => {
  const { userCategory } = profile;
  if (isUnrecognized(userCategory)) return undefined;
  if (profile.personType === 'NATURAL') return { personType: 'NATURAL', userCategory };
  const { legalPersonType } = profile;
  return isUnrecognized(legalPersonType) ? undefined : { personType: 'LEGAL', legalPersonType, userCategory };
};

/** A word of the profile as Mangopay sent it (for texts and columns). */
export const profileWord = (word: Recognized<string>): string => (isUnrecognized(word) ? word.unrecognized : word);
