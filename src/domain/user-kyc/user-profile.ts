import * as t from 'io-ts';
import { struct } from '../shared/codec-helpers.js';
import { LegalPersonType, type PersonType, UserCategory } from './user-kyc.vocabulary.js';

/** Who a user is, as far as KYC rules care: natural or legal (with its LegalPersonType), and its UserCategory. */
export const NaturalUserProfile = struct('NaturalUserProfile', {
  personType: t.literal('NATURAL'),
  userCategory: UserCategory,
});
export const LegalUserProfile = struct('LegalUserProfile', {
  personType: t.literal('LEGAL'),
  legalPersonType: LegalPersonType,
  userCategory: UserCategory,
});
export const UserProfile = t.union([NaturalUserProfile, LegalUserProfile], 'UserProfile');
export type UserProfile = t.TypeOf<typeof UserProfile>;

export const personTypeOf = (profile: UserProfile): PersonType => profile.personType;
