import type { LegalPersonType, PersonType } from './mangopay-words.js';
import type { MangopayApiEra } from './simulator-options.js';

/** Which user fields feed each verified data point (seed 000's "Verified data returned"). */
export const DATA_POINT_SOURCE: Readonly<Record<string, string>> = {
  FIRST_NAME: 'FirstName',
  LAST_NAME: 'LastName',
  BIRTHDATE: 'Birthday',
  NATIONALITY: 'Nationality',
  RESIDENCY: 'CountryOfResidence',
  COMPANY_NAME: 'Name',
  COMPANY_NUMBER: 'CompanyNumber',
  LEGAL_REPRESENTATIVE_FIRST_NAME: 'LegalRepresentativeFirstName',
  LEGAL_REPRESENTATIVE_LAST_NAME: 'LegalRepresentativeLastName',
  LEGAL_REPRESENTATIVE_BIRTHDATE: 'LegalRepresentativeBirthday',
  LEGAL_REPRESENTATIVE_NATIONALITY: 'LegalRepresentativeNationality',
  LEGAL_REPRESENTATIVE_FIRST_RESIDENCY: 'LegalRepresentativeCountryOfResidence',
};

const NATURAL_ID = ['FIRST_NAME', 'LAST_NAME', 'BIRTHDATE', 'NATIONALITY', 'RESIDENCY'];
const LEGAL_REP_ID = [
  'LEGAL_REPRESENTATIVE_FIRST_NAME',
  'LEGAL_REPRESENTATIVE_LAST_NAME',
  'LEGAL_REPRESENTATIVE_BIRTHDATE',
  'LEGAL_REPRESENTATIVE_NATIONALITY',
  'LEGAL_REPRESENTATIVE_FIRST_RESIDENCY',
];
const BUSINESS = ['COMPANY_NAME', 'COMPANY_NUMBER'];

/** A check Mangopay runs and the data points it returns (the newer checks' data points are not documented: none). */
export type CheckPlan = ReadonlyArray<readonly [checkType: string, dataPoints: ReadonlyArray<string>]>;

/**
 * The checks per user type. Seed: seed 000 (Natural: identity document; Legal: business, legal representative's
 * identity document, PSC). Today: the hosted flow pages (Natural and Soletrader add IDV_NAME_MATCH_CHECK and
 * IDV_AGE_CHECK, Soletrader BUSINESS_NAME_MATCH); for a Business the PSC check is the seed's, the docs read do not
 * list today's Business checks whole.
 */
export const checksFor = (era: MangopayApiEra, personType: PersonType, legalPersonType: LegalPersonType | undefined): CheckPlan => {
  if (era === 'seed') {
    return personType === 'NATURAL'
      ? [['IDENTITY_DOCUMENT_VERIFICATION', NATURAL_ID]]
      : [['BUSINESS_VERIFICATION', BUSINESS], ['IDENTITY_DOCUMENT_VERIFICATION', LEGAL_REP_ID], ['PERSONS_SIGNIFICANT_CONTROL', []]];
  }
  if (personType === 'NATURAL') return [['IDENTITY_DOCUMENT_VERIFICATION', NATURAL_ID], ['IDV_NAME_MATCH_CHECK', []], ['IDV_AGE_CHECK', []]];
  const identity: CheckPlan = [['BUSINESS_VERIFICATION', BUSINESS], ['IDENTITY_DOCUMENT_VERIFICATION', LEGAL_REP_ID], ['IDV_NAME_MATCH_CHECK', []], ['IDV_AGE_CHECK', []]];
  return legalPersonType === 'SOLETRADER' ? [...identity, ['BUSINESS_NAME_MATCH', []]] : [...identity, ['PERSONS_SIGNIFICANT_CONTROL', []]];
};

/**
 * Hosted IDV: Natural users, and Legal BUSINESS, SOLETRADER or ORGANIZATION users, who are OWNERs; not Legal
 * PARTNERSHIP ("Hosted KYC/KYB": available for Natural, Legal Business, Legal Soletrader, Legal Organization).
 */
export const idvEligibility = (personType: PersonType, legalPersonType: LegalPersonType | undefined, category: string): { field: string; reason: string } | undefined => {
  if (personType === 'LEGAL' && legalPersonType === 'PARTNERSHIP') {
    return { field: 'LegalPersonType', reason: 'Hosted identity verification is not available for Legal PARTNERSHIP users.' };
  }
  if (category !== 'OWNER') return { field: 'UserCategory', reason: 'Only an OWNER can request an identity verification.' };
  return undefined;
};

const EVERY_CHECK = ['TIMEOUT', 'ERROR', 'EXPIRED_CREDENTIALS'];
const ID_DOCUMENT = ['FACE_MATCH_FAIL', 'DOCUMENT_NOT_ACCEPTED', 'DOCUMENT_FALSIFIED', 'DOCUMENT_UNREADABLE', 'DOCUMENT_HAS_EXPIRED'];

/** The refusal reasons seed 000's glossary lists per check (the hosted refusals page keeps them for these checks). */
export const REASONS_BY_CHECK: Readonly<Record<string, ReadonlyArray<string>>> = {
  IDENTITY_DOCUMENT_VERIFICATION: [...ID_DOCUMENT, ...EVERY_CHECK],
  BUSINESS_VERIFICATION: ['DOCUMENT_FALSIFIED', 'DOCUMENT_NOT_ACCEPTED', 'DOCUMENT_TYPE_NOT_SUPPORTED', 'DOCUMENT_EXPIRED', 'DOCUMENT_UNREADABLE', 'DOCUMENT_INCOMPLETE', ...EVERY_CHECK],
  PERSONS_SIGNIFICANT_CONTROL: ['PSC_MATCH_FAIL', 'PSC_NAME_FAIL', ...EVERY_CHECK],
};

/**
 * Whether a reason may refuse a check. For the newer checks (IDV_AGE_CHECK, IDV_NAME_MATCH_CHECK,
 * BUSINESS_NAME_MATCH) the reason lists were not read whole: any upper-case word is taken, and the docs say so.
 */
export const reasonFits = (checkType: string, reason: string): boolean => {
  const listed = REASONS_BY_CHECK[checkType];
  return listed === undefined ? /^[A-Z][A-Z0-9_]{0,63}$/.test(reason) : listed.includes(reason);
};
