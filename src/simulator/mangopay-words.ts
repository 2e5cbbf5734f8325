import * as t from 'io-ts';

/**
 * Mangopay's words, as its documentation spells them (the page for each list is in docs/mangopay-simulator.md).
 * The simulator's own copy: it shares nothing with the core, so the two can disagree and a test can see it.
 */
const words = <W extends string>(name: string, values: readonly [W, ...W[]]) =>
  t.keyof(Object.fromEntries(values.map((value) => [value, null])) as Record<W, null>, name);

export const KycDocumentType = words('KycDocumentType', ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'SHAREHOLDER_DECLARATION', 'ADDRESS_PROOF']);
export type KycDocumentType = t.TypeOf<typeof KycDocumentType>;

export type KycDocumentStatus = 'CREATED' | 'VALIDATION_ASKED' | 'VALIDATED' | 'REFUSED' | 'OUT_OF_DATE';

export const KycRefusedReasonType = words('RefusedReasonType', [
  'DOCUMENT_UNREADABLE',
  'DOCUMENT_NOT_ACCEPTED',
  'DOCUMENT_HAS_EXPIRED',
  'DOCUMENT_INCOMPLETE',
  'DOCUMENT_MISSING',
  'DOCUMENT_DO_NOT_MATCH_USER_DATA',
  'DOCUMENT_DO_NOT_MATCH_ACCOUNT_DATA',
  'DOCUMENT_FALSIFIED',
  'UNDERAGE_PERSON',
  'SPECIFIC_CASE',
]);
export type KycRefusedReasonType = t.TypeOf<typeof KycRefusedReasonType>;

/** A KYC document flag: a six-digit code of the 0090xx list ("Dealing with refusals"). */
export const KycDocumentFlag = t.refinement(t.string, (s) => /^\d{6}$/.test(s), 'KycDocumentFlag');

export const UserCategory = words('UserCategory', ['PAYER', 'OWNER']);
export type UserCategory = t.TypeOf<typeof UserCategory>;
export const LegalPersonType = words('LegalPersonType', ['BUSINESS', 'ORGANIZATION', 'PARTNERSHIP', 'SOLETRADER']);
export type LegalPersonType = t.TypeOf<typeof LegalPersonType>;
export type PersonType = 'NATURAL' | 'LEGAL';

/** Today's session statuses, plus ERROR, which only the seed's generation of the API documents. */
export type IdvSessionStatus = 'PENDING' | 'REVIEW' | 'VALIDATED' | 'REFUSED' | 'EXPIRED' | 'OUT_OF_DATE' | 'ERROR';
export type IdvCheckStatus = 'PENDING' | 'VALIDATED' | 'REFUSED';

/** "The UBO Declaration object": https://docs.mangopay.com/api-reference/ubo-declarations/ubo-declaration-object */
export type UboDeclarationStatus = 'CREATED' | 'VALIDATION_ASKED' | 'INCOMPLETE' | 'VALIDATED' | 'REFUSED';

/**
 * Why a declaration is REFUSED or INCOMPLETE: the pages say only "Reason, string"; the words are the official Node
 * SDK's (mangopay4-nodejs-sdk lib/models/UboDeclarationRefusedReasonType.js).
 */
export const UboDeclarationReason = words('UboDeclarationReason', [
  'MISSING_UBO',
  'DECLARATION_DO_NOT_MATCH_UBO_INFORMATION',
  'WRONG_UBO_INFORMATION',
  'UBO_IDENTITY_NEEDED',
  'SHAREHOLDERS_DECLARATION_NEEDED',
  'ORGANIZATION_CHART_NEEDED',
  'DOCUMENTS_NEEDED',
  'SPECIFIC_CASE',
]);
export type UboDeclarationReason = t.TypeOf<typeof UboDeclarationReason>;

export const HookEventType = words('EventType', [
  'KYC_CREATED',
  'KYC_VALIDATION_ASKED',
  'KYC_SUCCEEDED',
  'KYC_FAILED',
  'KYC_OUTDATED',
  'IDENTITY_VERIFICATION_VALIDATED',
  'IDENTITY_VERIFICATION_FAILED',
  'IDENTITY_VERIFICATION_INCONCLUSIVE',
  'IDENTITY_VERIFICATION_OUTDATED',
  // Named by Mangopay's Node SDK (typings/models/event.d.ts), by no documentation page: see docs/mangopay-simulator.md.
  'IDENTITY_VERIFICATION_TIMEOUT',
  'IDENTITY_VERIFICATION_PENDING',
  'USER_KYC_REGULAR',
  'USER_KYC_LIGHT',
  // "How to submit a UBO Declaration" (https://docs.mangopay.com/guides/users/verification/beneficial-owners/how-to).
  'UBO_DECLARATION_CREATED',
  'UBO_DECLARATION_VALIDATION_ASKED',
  'UBO_DECLARATION_VALIDATED',
  'UBO_DECLARATION_REFUSED',
  'UBO_DECLARATION_INCOMPLETE',
]);
export type HookEventType = t.TypeOf<typeof HookEventType>;
export const HookStatus = words('HookStatus', ['ENABLED', 'DISABLED']);
export type HookStatus = t.TypeOf<typeof HookStatus>;

/** Mangopay's Idempotency-Key: 16 to 36 letters, digits or dashes ("Idempotency"). */
export const isIdempotencyKey = (key: string): boolean => /^[A-Za-z0-9-]{16,36}$/.test(key);
