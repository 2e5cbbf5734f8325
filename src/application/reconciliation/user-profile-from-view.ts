import * as E from 'fp-ts/lib/Either.js';
import { domainError } from '../../domain/shared/domain-error.js';
import { isUnrecognized } from '../../domain/shared/recognized.js';
import type { UserProfile } from '../../domain/user-kyc/index.js';
import type { MangopayResponseInvalid, MangopayUserView } from '../ports/mangopay-api.js';

const unusable = (path: string, rule: string): MangopayResponseInvalid => ({
  ...domainError('MANGOPAY_RESPONSE_INVALID', `Mangopay's user has a ${path} this core cannot judge KYC rules by`),
  status: 200,
  faults: [{ path, rule }],
});

/** The user as KYC rules see it. A category or legal person type the seeds do not know cannot be judged: a typed error. */
export const userProfileFromView = (view: MangopayUserView): E.Either<MangopayResponseInvalid, UserProfile> => {
  if (view.userCategory === null || isUnrecognized(view.userCategory)) return E.left(unusable('UserCategory', 'UserCategory'));
  if (view.personType === 'NATURAL') return E.right({ personType: 'NATURAL', userCategory: view.userCategory });
  if (isUnrecognized(view.legalPersonType)) return E.left(unusable('LegalPersonType', 'LegalPersonType'));
  return E.right({ personType: 'LEGAL', legalPersonType: view.legalPersonType, userCategory: view.userCategory });
};
