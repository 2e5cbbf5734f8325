import type { MangopayId } from '../shared/bounded-string.js';
import type { Unrecognized } from '../shared/recognized.js';
import type { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import type { PersonalDataErasure } from './personal-data-erasure.js';
import { requiredForRegular, type RegularRequirement } from './kyc-requirements.js';
import type { UboDeclarationRecord } from './ubo-declaration.js';
import type { KycLevel } from './user-kyc.vocabulary.js';
import type { UserProfile } from '../shared/user-profile.js';

/** A user's KYC standing: who they are, the level Mangopay gives them, and what counts towards REGULAR. */
export interface UserKyc {
  readonly status: KycLevel;
  readonly userId: MangopayId;
  readonly user: UserProfile;
  /** Documents currently VALIDATED, by id. */
  readonly validatedDocuments: ReadonlyMap<MangopayId, KycDocumentType>;
  /** IDV sessions currently VALIDATED. */
  readonly validatedSessions: ReadonlySet<MangopayId>;
  /** The user's UBO declarations as last observed at Mangopay, by id. */
  readonly uboDeclarations: ReadonlyMap<MangopayId, UboDeclarationRecord>;
  readonly unrecognizedLevel: Unrecognized | undefined;
  /** Set once the user's personal data has been erased (their key destroyed); the KYC rules go on without it. */
  readonly erasure: PersonalDataErasure | undefined;
}

/** A user never observed can still be erased: personal data may sit in their documents' streams. */
export type UserKycState = { readonly status: 'UNKNOWN'; readonly erasure?: PersonalDataErasure } | UserKyc;
export type UserKycLifecycle = UserKycState['status'];

export const initialUserKycState: UserKycState = { status: 'UNKNOWN' };

export const isKnownUser = (state: UserKycState): state is UserKyc => state.status !== 'UNKNOWN';

/** Whether one of the user's UBO declarations is VALIDATED as last observed. */
export const hasValidatedUboDeclaration = (user: UserKyc): boolean => [...user.uboDeclarations.values()].some((declaration) => declaration.status === 'VALIDATED');

/**
 * What is still missing for REGULAR: nothing once a hosted IDV session is validated, else the required documents
 * not validated and, for a Business or Partnership, `UBO_DECLARATION` until a declaration of theirs is VALIDATED
 * (one REFUSED or INCOMPLETE keeps it missing); null when it cannot be determined (a LegalPersonType or
 * UserCategory the seeds do not know).
 */
export const missingForRegular = (user: UserKyc): ReadonlyArray<RegularRequirement> | null => {
  if (user.validatedSessions.size > 0) return [];
  const required = requiredForRegular(user.user);
  if (required === null) return null;
  const validated = new Set<RegularRequirement>(user.validatedDocuments.values());
  if (hasValidatedUboDeclaration(user)) validated.add('UBO_DECLARATION');
  return required.filter((requirement) => !validated.has(requirement));
};
