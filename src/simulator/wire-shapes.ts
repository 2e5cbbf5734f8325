import type { IdvSessionStatus } from './mangopay-words.js';
import type { MangopayApiEra } from './simulator-options.js';
import type { SimulatedCheck, SimulatedDocument, SimulatedHook, SimulatedSession, SimulatedUbo, SimulatedUboDeclaration, SimulatedUser } from './simulator-store.js';

/** How the simulator writes its objects: Mangopay's field names and, for sessions, the era's words. */

export const userWire = (user: SimulatedUser): Record<string, unknown> => ({
  ...user.fields,
  Id: user.id,
  CreationDate: user.creationDate,
  PersonType: user.personType,
  UserCategory: user.category,
  ...(user.personType === 'LEGAL' ? { LegalPersonType: user.legalPersonType } : {}),
  KYCLevel: user.kycLevel,
  UserStatus: 'ACTIVE',
});

export const kycDocumentWire = (document: SimulatedDocument): Record<string, unknown> => ({
  Id: document.id,
  Tag: document.tag,
  CreationDate: document.creationDate,
  UserId: document.userId,
  Type: document.type,
  Status: document.status,
  RefusedReasonType: document.refusedReasonType,
  RefusedReasonMessage: document.refusedReasonMessage,
  ProcessedDate: document.processedDate,
  Flags: document.flags,
});

export const checkWire = (check: SimulatedCheck): Record<string, unknown> => ({
  CheckId: check.id,
  Type: check.type,
  CheckStatus: check.status,
  CreationDate: check.date,
  LastUpdate: check.date,
  Data: check.data.map((point) => ({ Type: point.type, Value: point.value })),
  Reasons: check.reasons.map((reason) => ({ Type: reason.type, Value: reason.value })),
});

/** Seed 000's words for the statuses today's documentation renamed. */
const SEED_WORD: Partial<Record<IdvSessionStatus, string>> = { REFUSED: 'REJECTED', OUT_OF_DATE: 'OUTDATED', EXPIRED: 'TIMEOUT' };

export const sessionStatusWire = (session: SimulatedSession, era: MangopayApiEra): string =>
  era === 'seed' ? (SEED_WORD[session.status] ?? session.status) : session.status;

/** Today's API answers the checks inline; the seed's generation only at .../checks. */
export const idvSessionWire = (session: SimulatedSession, era: MangopayApiEra): Record<string, unknown> => ({
  Id: session.id,
  Tag: session.tag,
  HostedUrl: session.hostedUrl,
  ReturnUrl: session.returnUrl,
  Status: sessionStatusWire(session, era),
  UserId: session.userId,
  CreationDate: session.creationDate,
  LastUpdate: session.lastUpdate,
  ...(era === 'today' ? { Checks: session.checks.map(checkWire) } : {}),
});

export const idvChecksWire = (session: SimulatedSession, era: MangopayApiEra): Record<string, unknown> => ({
  SessionId: session.id,
  IdentityVerificationId: session.id,
  Status: sessionStatusWire(session, era),
  CreationDate: session.creationDate,
  LastUpdate: session.lastUpdate,
  Checks: session.checks.map(checkWire),
});

export const hookWire = (hook: SimulatedHook): Record<string, unknown> => ({
  Id: hook.id,
  Tag: hook.tag,
  CreationDate: hook.creationDate,
  Url: hook.url,
  Status: hook.status,
  Validity: 'VALID',
  EventType: hook.eventType,
});

/** "The UBO object": what the platform declared, with its Id, CreationDate and IsActive. */
export const uboWire = (ubo: SimulatedUbo): Record<string, unknown> => ({
  ...ubo.fields,
  Id: ubo.id,
  CreationDate: ubo.creationDate,
  IsActive: ubo.isActive,
});

/** "The UBO Declaration object" (https://docs.mangopay.com/api-reference/ubo-declarations/ubo-declaration-object). */
export const uboDeclarationWire = (declaration: SimulatedUboDeclaration): Record<string, unknown> => ({
  Id: declaration.id,
  UserId: declaration.userId,
  CreationDate: declaration.creationDate,
  ProcessedDate: declaration.processedDate,
  Status: declaration.status,
  Reason: declaration.reason,
  Message: declaration.message,
  Ubos: declaration.ubos.map(uboWire),
});
