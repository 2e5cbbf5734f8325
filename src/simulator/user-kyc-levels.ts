import * as E from 'fp-ts/lib/Either.js';
import { fold } from '../domain/shared/decider.js';
import type { IdvSessionStatus } from '../domain/idv-session/idv-session.vocabulary.js';
import type { KycDocumentStatus, KycDocumentType } from '../domain/kyc-document/kyc-document.vocabulary.js';
import type { MangopayId } from '../domain/shared/bounded-string.js';
import type { UserKycCommand } from '../domain/user-kyc/user-kyc.commands.js';
import { userKycDecider } from '../domain/user-kyc/user-kyc.decider.js';
import { isKnownUser, missingForRegular } from '../domain/user-kyc/user-kyc.state.js';
import { notify, type SimulatorContext } from './simulator-context.js';
import type { SimulatedUser } from './simulator-store.js';

/** Runs one command through the UserKyc decider; what it refuses cannot happen here (the user is registered first). */
const apply = (context: SimulatorContext, user: SimulatedUser, command: UserKycCommand): void => {
  const decided = userKycDecider.decide(command, user.kyc);
  if (E.isLeft(decided)) return;
  user.kyc = fold(userKycDecider.evolve, user.kyc)(decided.right);
  for (const event of decided.right) {
    if (event.type === 'UserKycLevelChanged') notify(context, event.to === 'REGULAR' ? 'USER_KYC_REGULAR' : 'USER_KYC_LIGHT', user.id);
  }
};

/** Mangopay's side of the rule: a user is REGULAR once nothing is missing for REGULAR, LIGHT otherwise. */
const settleLevel = (context: SimulatorContext, user: SimulatedUser): void => {
  if (!isKnownUser(user.kyc)) return;
  const level = missingForRegular(user.kyc).length === 0 ? 'REGULAR' : 'LIGHT';
  if (level !== user.kyc.status) apply(context, user, { type: 'ObserveUser', userId: user.kyc.userId, user: user.profile, kycLevel: level });
};

/** A new user starts LIGHT. */
export const registerUser = (context: SimulatorContext, user: SimulatedUser): void =>
  apply(context, user, { type: 'ObserveUser', userId: user.id, user: user.profile, kycLevel: 'LIGHT' });

export const documentReached = (
  context: SimulatorContext,
  user: SimulatedUser,
  documentId: MangopayId,
  documentType: KycDocumentType,
  status: KycDocumentStatus,
): void => {
  apply(context, user, { type: 'RecordKycDocumentStatus', userId: user.id, documentId, documentType, status });
  settleLevel(context, user);
};

export const sessionReached = (context: SimulatorContext, user: SimulatedUser, sessionId: MangopayId, status: IdvSessionStatus): void => {
  apply(context, user, { type: 'RecordIdvSessionStatus', userId: user.id, sessionId, status });
  settleLevel(context, user);
};
