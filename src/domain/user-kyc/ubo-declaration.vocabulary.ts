import type * as t from 'io-ts';
import { literals } from '../shared/codec-helpers.js';

/**
 * A UBO declaration's statuses, as "The UBO Declaration object" lists them
 * (https://docs.mangopay.com/api-reference/ubo-declarations/ubo-declaration-object): CREATED (not submitted),
 * VALIDATION_ASKED (submitted), INCOMPLETE, VALIDATED, REFUSED (decided by Mangopay's team). The seeds know none.
 */
export const UBO_DECLARATION_STATUSES = ['CREATED', 'VALIDATION_ASKED', 'INCOMPLETE', 'VALIDATED', 'REFUSED'] as const;
export const UboDeclarationStatus = literals('UboDeclarationStatus', UBO_DECLARATION_STATUSES);
export type UboDeclarationStatus = t.TypeOf<typeof UboDeclarationStatus>;

/**
 * Why a declaration was REFUSED or found INCOMPLETE. The pages say only "Reason, string"; these are the words of
 * Mangopay's official Node SDK (mangopay4-nodejs-sdk lib/models/UboDeclarationRefusedReasonType.js). Another word is
 * kept verbatim as unrecognized.
 */
export const UBO_DECLARATION_REASONS = [
  'MISSING_UBO',
  'DECLARATION_DO_NOT_MATCH_UBO_INFORMATION',
  'WRONG_UBO_INFORMATION',
  'UBO_IDENTITY_NEEDED',
  'SHAREHOLDERS_DECLARATION_NEEDED',
  'ORGANIZATION_CHART_NEEDED',
  'DOCUMENTS_NEEDED',
  'SPECIFIC_CASE',
] as const;
export const UboDeclarationReason = literals('UboDeclarationReason', UBO_DECLARATION_REASONS);
export type UboDeclarationReason = t.TypeOf<typeof UboDeclarationReason>;

/**
 * The documented steps ("How to submit a UBO Declaration",
 * https://docs.mangopay.com/guides/users/verification/beneficial-owners/how-to): submitted, then decided; REFUSED is
 * final ("You need to create a new declaration"), INCOMPLETE "can be modified and re-submitted". A status observed
 * again is no step. Anything else observed is still recorded, with an anomaly.
 */
export const UBO_DECLARATION_STEPS: ReadonlyArray<readonly [UboDeclarationStatus, UboDeclarationStatus]> = [
  ['CREATED', 'VALIDATION_ASKED'],
  ['VALIDATION_ASKED', 'VALIDATED'],
  ['VALIDATION_ASKED', 'REFUSED'],
  ['VALIDATION_ASKED', 'INCOMPLETE'],
  ['INCOMPLETE', 'VALIDATION_ASKED'],
];
