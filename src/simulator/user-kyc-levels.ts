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

/**
 * A Business or Partnership also needs a VALIDATED UBO declaration ("Beneficial owners": "always required to verify
 * legal users of the types Business, Partnership"; https://docs.mangopay.com/guides/users/verification/beneficial-owners).
 * A validated hosted session is enough alone: the hosted KYC/KYB solution declares the beneficial owners in the session
 * (the warning on https://docs.mangopay.com/api-reference/ubo-declarations/ubo-declaration-object).
 */
const needsUboDeclaration = (user: SimulatedUser): boolean =>
  user.personType === 'LEGAL' && (user.legalPersonType === 'BUSINESS' || user.legalPersonType === 'PARTNERSHIP');

/** REGULAR once a session, or every required document (and UBO declaration) is VALIDATED (and not since out of date); LIGHT otherwise. */
const levelOf = (context: SimulatorContext, user: SimulatedUser): 'LIGHT' | 'REGULAR' => {
  const sessionValidated = [...context.store.sessions.values()].some((session) => session.userId === user.id && session.status === 'VALIDATED');
  const validated = new Set([...context.store.documents.values()].filter((d) => d.userId === user.id && d.status === 'VALIDATED').map((d) => d.type));
  const uboValidated =
    !needsUboDeclaration(user) || [...context.store.uboDeclarations.values()].some((declaration) => declaration.userId === user.id && declaration.status === 'VALIDATED');
  return sessionValidated || (uboValidated && requiredDocuments(user).every((type) => validated.has(type))) ? 'REGULAR' : 'LIGHT';
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
