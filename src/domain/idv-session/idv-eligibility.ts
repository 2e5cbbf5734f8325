import * as E from 'fp-ts/lib/Either.js';
import type { Anomaly } from '../shared/anomaly.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { isUnrecognized } from '../shared/recognized.js';
import { profileWord, type KnownUserProfile, type UserProfile } from '../shared/user-profile.js';
import type { LegalPersonType } from '../shared/user-vocabulary.js';

export type IdvEligibilityError =
  | DomainError<'IDV_USER_TYPE_NOT_ELIGIBLE'>
  | DomainError<'IDV_USER_NOT_OWNER'>;

/** Legal user types Mangopay's hosted IDV guide lists today (seed 000, in beta, listed SOLETRADER and BUSINESS only). */
export const IDV_ELIGIBLE_LEGAL_PERSON_TYPES: ReadonlyArray<LegalPersonType> = ['BUSINESS', 'SOLETRADER', 'ORGANIZATION'];

/**
 * Hosted IDV is for Natural users, and Legal BUSINESS, SOLETRADER and ORGANIZATION users (Mangopay's hosted IDV
 * guide; not PARTNERSHIP); and the user must be an Owner. Checked before anything is asked of Mangopay.
 */
export const checkIdvEligibility = (user: UserProfile): E.Either<IdvEligibilityError, KnownUserProfile> => {
  // A type Mangopay added is not in the guide's list: refused here, as Mangopay would (it is not guessed eligible).
  if (user.personType === 'LEGAL' && (isUnrecognized(user.legalPersonType) || !IDV_ELIGIBLE_LEGAL_PERSON_TYPES.includes(user.legalPersonType))) {
    return E.left(
      domainError(
        'IDV_USER_TYPE_NOT_ELIGIBLE',
        `Hosted identity verification is for Natural users and Legal ${IDV_ELIGIBLE_LEGAL_PERSON_TYPES.join(', ')} users, not ${profileWord(user.legalPersonType)}`,
      ),
    );
  }
  if (user.userCategory !== 'OWNER') {
    return E.left(
      domainError('IDV_USER_NOT_OWNER', `Only an OWNER user can start an identity verification session, not ${profileWord(user.userCategory)}`),
    );
  }
  if (user.personType === 'NATURAL') return E.right({ personType: 'NATURAL', userCategory: 'OWNER' });
  return isUnrecognized(user.legalPersonType)
    ? E.left(domainError('IDV_USER_TYPE_NOT_ELIGIBLE', 'Hosted identity verification is not for a LegalPersonType this core does not know'))
    : E.right({ personType: 'LEGAL', legalPersonType: user.legalPersonType, userCategory: 'OWNER' });
};

/**
 * Where a session Mangopay created anyway breaks the eligibility rule above (a user moved to PARTNERSHIP after its
 * session, a LegalPersonType Mangopay added, a category changed): the anomalies it is recorded with, never a refusal.
 */
export const idvEligibilityAnomalies = (user: UserProfile): ReadonlyArray<Anomaly> => [
  ...(user.personType === 'LEGAL' && (isUnrecognized(user.legalPersonType) || !IDV_ELIGIBLE_LEGAL_PERSON_TYPES.includes(user.legalPersonType))
    ? [{ path: 'user.legalPersonType', rule: 'IdvEligibleLegalPersonType' }]
    : []),
  ...(user.userCategory === 'OWNER' ? [] : [{ path: 'user.userCategory', rule: 'IdvOwnerOnly' }]),
];
