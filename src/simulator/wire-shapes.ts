import { idvSessionStatusToWire } from '../application/ports/mangopay-vocabulary.js';
import type { IdvCheck } from '../domain/idv-session/idv-check.js';
import { isUnrecognized, type Recognized } from '../domain/shared/recognized.js';
import type { KycDocument } from '../domain/kyc-document/kyc-document.state.js';
import { isKnownUser } from '../domain/user-kyc/user-kyc.state.js';
import type { MangopayApiEra } from './simulator-options.js';
import type { SimulatedHook, SimulatedSession, SimulatedUser } from './simulator-store.js';

/** How the simulator writes its objects: Mangopay's field names and, for sessions, the era's words. */

const word = (value: Recognized<string>): string => (isUnrecognized(value) ? value.unrecognized : value);

export const userWire = (user: SimulatedUser): Record<string, unknown> => ({
  ...user.fields,
  Id: user.id,
  CreationDate: user.creationDate,
  PersonType: user.profile.personType,
  UserCategory: user.profile.userCategory,
  ...(user.profile.personType === 'LEGAL' ? { LegalPersonType: user.profile.legalPersonType } : {}),
  KYCLevel: isKnownUser(user.kyc) ? user.kyc.status : 'LIGHT',
  UserStatus: 'ACTIVE',
});

export const kycDocumentWire = (document: KycDocument): Record<string, unknown> => ({
  Id: document.documentId,
  Tag: document.tag ?? null,
  CreationDate: document.creationDate,
  UserId: document.userId,
  Type: document.documentType,
  Status: document.status,
  RefusedReasonType: document.refusedReasonType === undefined ? null : word(document.refusedReasonType),
  RefusedReasonMessage: document.refusedReasonMessage ?? null,
  ProcessedDate: document.processedDate ?? null,
  Flags: [],
});

export const checkWire = (check: IdvCheck, date: number): Record<string, unknown> => ({
  CheckId: check.checkId,
  Type: word(check.type),
  CheckStatus: word(check.status),
  CreationDate: date,
  LastUpdate: date,
  Data: check.dataPoints.map((point) => ({ Type: word(point.type), Value: point.value })),
  Reasons:
    check.refusalReason === undefined ? [] : [{ Type: word(check.refusalReason), Value: check.refusalDescription ?? null }],
});

export const sessionStatusWire = (session: SimulatedSession, era: MangopayApiEra): string =>
  era === 'today' ? idvSessionStatusToWire(session.state.status) : session.state.status;

/** Today's API answers the checks inline; the seed's generation only at .../checks. */
export const idvSessionWire = (session: SimulatedSession, era: MangopayApiEra): Record<string, unknown> => ({
  Id: session.state.sessionId,
  Tag: session.state.tag ?? null,
  HostedUrl: session.state.hostedUrl,
  ReturnUrl: session.state.returnUrl,
  Status: sessionStatusWire(session, era),
  UserId: session.state.userId,
  CreationDate: session.state.creationDate,
  LastUpdate: session.lastUpdate,
  ...(era === 'today' ? { Checks: session.state.checks.map((check) => checkWire(check, session.lastUpdate)) } : {}),
});

export const idvChecksWire = (session: SimulatedSession, era: MangopayApiEra): Record<string, unknown> => ({
  SessionId: session.state.sessionId,
  IdentityVerificationId: session.state.sessionId,
  Status: sessionStatusWire(session, era),
  CreationDate: session.state.creationDate,
  LastUpdate: session.lastUpdate,
  Checks: session.state.checks.map((check) => checkWire(check, session.lastUpdate)),
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
