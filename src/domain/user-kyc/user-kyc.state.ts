import type { MangopayId } from '../shared/bounded-string.js';
import type { Unrecognized } from '../shared/recognized.js';
import type { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import type { PersonalDataErasure } from './personal-data-erasure.js';
import { requiredForRegular } from './kyc-requirements.js';
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
  readonly unrecognizedLevel: Unrecognized | undefined;
  /** Set once the user's personal data has been erased (their key destroyed); the KYC rules go on without it. */
  readonly erasure: PersonalDataErasure | undefined;
}

/** A user never observed can still be erased: personal data may sit in their documents' streams. */
export type UserKycState = { readonly status: 'UNKNOWN'; readonly erasure?: PersonalDataErasure } | UserKyc;
export type UserKycLifecycle = UserKycState['status'];

export const initialUserKycState: UserKycState = { status: 'UNKNOWN' };

export const isKnownUser = (state: UserKycState): state is UserKyc => state.status !== 'UNKNOWN';

/**
 * What is still missing for REGULAR: nothing once a hosted IDV session is validated, else the required documents
 * not validated; null when it cannot be determined (a LegalPersonType or UserCategory the seeds do not know).
 */
export const missingForRegular = (user: UserKyc): ReadonlyArray<KycDocumentType> | null => {
  if (user.validatedSessions.size > 0) return [];
  const required = requiredForRegular(user.user);
  if (required === null) return null;
  const validated = new Set(user.validatedDocuments.values());
  return required.filter((type) => !validated.has(type));
};
