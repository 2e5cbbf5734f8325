import type * as t from 'io-ts';
import { literals } from '../shared/codec-helpers.js';

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

/** USER_KYC_LIGHT / USER_KYC_REGULAR in the hooks; KYCLevel on the user object. */
export const KYC_LEVELS = ['LIGHT', 'REGULAR'] as const;
export const KycLevel = literals('KycLevel', KYC_LEVELS);
export type KycLevel = t.TypeOf<typeof KycLevel>;
