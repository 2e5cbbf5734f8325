import type { PersonType } from '../shared/user-vocabulary.js';
import type { IdvCheckType, IdvDataPointType, IdvRefusalReason } from './idv-session.vocabulary.js';

/**
 * Seed 000, "Verified data returned": which checks a session runs for each user type, and which data
 * points each check returns. Data, so the docs and the simulator read the same rules as `decide`.
 */
export const IDV_CHECKS_BY_PERSON_TYPE: {
  readonly [P in PersonType]: Readonly<Partial<Record<IdvCheckType, ReadonlyArray<IdvDataPointType>>>>;
} = {
  NATURAL: {
    IDENTITY_DOCUMENT_VERIFICATION: ['FIRST_NAME', 'LAST_NAME', 'BIRTHDATE', 'NATIONALITY', 'RESIDENCY'],
  },
  LEGAL: {
    BUSINESS_VERIFICATION: ['COMPANY_NAME', 'COMPANY_NUMBER'],
    IDENTITY_DOCUMENT_VERIFICATION: [
      'LEGAL_REPRESENTATIVE_FIRST_NAME',
      'LEGAL_REPRESENTATIVE_LAST_NAME',
      'LEGAL_REPRESENTATIVE_BIRTHDATE',
      'LEGAL_REPRESENTATIVE_NATIONALITY',
      'LEGAL_REPRESENTATIVE_FIRST_RESIDENCY',
    ],
    PERSONS_SIGNIFICANT_CONTROL: [],
  },
};

const ANY_CHECK: ReadonlyArray<IdvRefusalReason> = ['TIMEOUT', 'EXPIRED_CREDENTIALS', 'ERROR'];

/** Seed 000, "Refusal reasons glossary": a reason is valid only for the check types it is listed under. */
export const IDV_REFUSAL_REASONS_BY_CHECK: { readonly [C in IdvCheckType]: ReadonlyArray<IdvRefusalReason> } = {
  BUSINESS_VERIFICATION: [
    ...ANY_CHECK,
    'DOCUMENT_FALSIFIED',
    'DOCUMENT_NOT_ACCEPTED',
    'DOCUMENT_TYPE_NOT_SUPPORTED',
    'DOCUMENT_EXPIRED',
    'DOCUMENT_UNREADABLE',
    'DOCUMENT_INCOMPLETE',
  ],
  IDENTITY_DOCUMENT_VERIFICATION: [
    ...ANY_CHECK,
    'FACE_MATCH_FAIL',
    'DOCUMENT_NOT_ACCEPTED',
    'DOCUMENT_FALSIFIED',
    'DOCUMENT_UNREADABLE',
    'DOCUMENT_HAS_EXPIRED',
  ],
  PERSONS_SIGNIFICANT_CONTROL: [...ANY_CHECK, 'PSC_MATCH_FAIL', 'PSC_NAME_FAIL'],
};

/** How a data point's value must look: BIRTHDATE is a unix timestamp; NATIONALITY and RESIDENCY are ISO 3166-1 alpha-2. */
export type DataPointFormat = 'text' | 'unixTimestamp' | 'countryCode';

export const IDV_DATA_POINT_FORMATS: { readonly [D in IdvDataPointType]: DataPointFormat } = {
  FIRST_NAME: 'text',
  LAST_NAME: 'text',
  BIRTHDATE: 'unixTimestamp',
  NATIONALITY: 'countryCode',
  RESIDENCY: 'countryCode',
  COMPANY_NAME: 'text',
  COMPANY_NUMBER: 'text',
  LEGAL_REPRESENTATIVE_FIRST_NAME: 'text',
  LEGAL_REPRESENTATIVE_LAST_NAME: 'text',
  LEGAL_REPRESENTATIVE_BIRTHDATE: 'unixTimestamp',
  LEGAL_REPRESENTATIVE_NATIONALITY: 'countryCode',
  LEGAL_REPRESENTATIVE_FIRST_RESIDENCY: 'countryCode',
};

export const checkTypesFor = (personType: PersonType): ReadonlyArray<IdvCheckType> =>
  Object.keys(IDV_CHECKS_BY_PERSON_TYPE[personType]) as IdvCheckType[];
