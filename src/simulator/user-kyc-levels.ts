import type { KycDocumentType } from './mangopay-words.js';
import { notify, type SimulatorContext } from './simulator-context.js';
import type { SimulatedUser } from './simulator-store.js';

/**
 * The documents a user needs VALIDATED to be verified, by type ("All requirements by user type" and the design's
 * reading of it): everyone an identity proof; a Soletrader a registration proof too; other legal users also
 * their articles of association.
 */
const requiredDocuments = (user: SimulatedUser): ReadonlyArray<KycDocumentType> => {
  if (user.personType === 'NATURAL') return ['IDENTITY_PROOF'];
  if (user.legalPersonType === 'SOLETRADER') return ['IDENTITY_PROOF', 'REGISTRATION_PROOF'];
  return ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'];
};

/** REGULAR once a session or every required document is VALIDATED (and not since out of date); LIGHT otherwise. */
const levelOf = (context: SimulatorContext, user: SimulatedUser): 'LIGHT' | 'REGULAR' => {
  const sessionValidated = [...context.store.sessions.values()].some((session) => session.userId === user.id && session.status === 'VALIDATED');
  const validated = new Set([...context.store.documents.values()].filter((d) => d.userId === user.id && d.status === 'VALIDATED').map((d) => d.type));
  return sessionValidated || requiredDocuments(user).every((type) => validated.has(type)) ? 'REGULAR' : 'LIGHT';
};

/** Re-reads the user's level after a document or session changed; a change is notified (USER_KYC_REGULAR / _LIGHT). */
export const settleKycLevel = (context: SimulatorContext, userId: string): void => {
  const user = context.store.users.get(userId);
  if (user === undefined) return;
  const level = levelOf(context, user);
  if (level === user.kycLevel) return;
  user.kycLevel = level;
  notify(context, level === 'REGULAR' ? 'USER_KYC_REGULAR' : 'USER_KYC_LIGHT', user.id);
};
