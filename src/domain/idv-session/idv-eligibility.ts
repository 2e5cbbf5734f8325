import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { UserProfile } from '../user-kyc/user-profile.js';

export type IdvEligibilityError =
  | DomainError<'IDV_USER_TYPE_NOT_ELIGIBLE'>
  | DomainError<'IDV_USER_NOT_OWNER'>;

/**
 * Seed 000: hosted IDV is for Natural users, and Legal users whose LegalPersonType is SOLETRADER or
 * BUSINESS; and the user must be an Owner. Checked before anything is asked of Mangopay.
 */
export const checkIdvEligibility = (user: UserProfile): E.Either<IdvEligibilityError, UserProfile> => {
  if (user.personType === 'LEGAL' && user.legalPersonType !== 'SOLETRADER' && user.legalPersonType !== 'BUSINESS') {
    return E.left(
      domainError(
        'IDV_USER_TYPE_NOT_ELIGIBLE',
        `Hosted identity verification is for Natural users and Legal SOLETRADER or BUSINESS users, not ${user.legalPersonType}`,
      ),
    );
  }
  if (user.userCategory !== 'OWNER') {
    return E.left(
      domainError('IDV_USER_NOT_OWNER', `Only an OWNER user can start an identity verification session, not ${user.userCategory}`),
    );
  }
  return E.right(user);
};
