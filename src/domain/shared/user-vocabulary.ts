/**
 * Who a user is in Mangopay's words: the vocabulary of users that every aggregate and the ports share (UserKyc
 * holds a user's profile, an IdvSession judges checks by person type, Mangopay's user view carries them).
 */
import type * as t from 'io-ts';
import { literals } from './codec-helpers.js';

export const PERSON_TYPES = ['NATURAL', 'LEGAL'] as const;
export const PersonType = literals('PersonType', PERSON_TYPES);
export type PersonType = t.TypeOf<typeof PersonType>;

/**
 * The seeds' three, and PARTNERSHIP, which Mangopay added on 2022-11-08 (API release notes "New User LegalPersonType:
 * Partnership"; https://docs.mangopay.com/guides/users/types lists all four): a user of it is a user Mangopay has.
 */
export const LEGAL_PERSON_TYPES = ['BUSINESS', 'ORGANIZATION', 'PARTNERSHIP', 'SOLETRADER'] as const;
export const LegalPersonType = literals('LegalPersonType', LEGAL_PERSON_TYPES);
export type LegalPersonType = t.TypeOf<typeof LegalPersonType>;

export const USER_CATEGORIES = ['PAYER', 'OWNER', 'PLATFORM'] as const;
export const UserCategory = literals('UserCategory', USER_CATEGORIES);
export type UserCategory = t.TypeOf<typeof UserCategory>;
