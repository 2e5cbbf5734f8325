import { idvEligibility } from './idv-check-rules.js';
import { paginate, readListParams } from './list-params.js';
import type { HookEventType, IdvSessionStatus } from './mangopay-words.js';
import { CreateIdvSessionBody, decodeBody } from './request-bodies.js';
import { nextSeq, notify, now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { notFound, ok, paramError, type Reply } from './simulator-reply.js';
import type { SimulatedSession } from './simulator-store.js';
import { settleKycLevel } from './user-kyc-levels.js';
import { idvChecksWire, idvSessionWire } from './wire-shapes.js';

/**
 * "Hosted KYC/KYB" webhooks: VALIDATED, FAILED, INCONCLUSIVE (a review) and OUTDATED (release notes 2025-05-13).
 * No page documents one for an EXPIRED session; Mangopay's Node SDK names IDENTITY_VERIFICATION_TIMEOUT, the only
 * type Mangopay published for a session that ran out of time, so that is what an expired session sends. ERROR is
 * the seed's status only (today's API has none): an unsuccessful session the platform can retry, as FAILED is.
 * No hook on PENDING: the SDKs name IDENTITY_VERIFICATION_PENDING but nothing says when it is sent.
 */
const HOOK_OF: Readonly<Record<IdvSessionStatus, HookEventType | undefined>> = {
  PENDING: undefined,
  VALIDATED: 'IDENTITY_VERIFICATION_VALIDATED',
  REFUSED: 'IDENTITY_VERIFICATION_FAILED',
  EXPIRED: 'IDENTITY_VERIFICATION_TIMEOUT',
  ERROR: 'IDENTITY_VERIFICATION_FAILED',
  REVIEW: 'IDENTITY_VERIFICATION_INCONCLUSIVE',
  OUT_OF_DATE: 'IDENTITY_VERIFICATION_OUTDATED',
};

/** A session reached a status: its hook, and the user's KYC level read again. */
export const sessionReached = (context: SimulatorContext, session: SimulatedSession, status: IdvSessionStatus): void => {
  session.status = status;
  session.lastUpdate = now(context);
  const hook = HOOK_OF[status];
  if (hook !== undefined) notify(context, hook, session.id);
  settleKycLevel(context, session.userId);
};

const found = (context: SimulatorContext, sessionId: string, answer: (session: SimulatedSession) => Reply): Reply => {
  const session = context.store.sessions.get(sessionId);
  return session === undefined ? notFound('IdentityVerification', sessionId, now(context)) : answer(session);
};

/** "Create an IDV Session": for an eligible user, PENDING with a HostedUrl and no checks yet. */
export const createIdvSession = (context: SimulatorContext, userId: string, body: unknown): Reply => {
  const user = context.store.users.get(userId);
  if (user === undefined) return notFound('User', userId, now(context));
  const decoded = decodeBody(CreateIdvSessionBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const refused = idvEligibility(user.personType, user.legalPersonType, user.category);
  if (refused !== undefined) return paramError({ [refused.field]: refused.reason }, now(context));
  const id = newId('idnver', context.settings.now());
  const session: SimulatedSession = {
    id,
    seq: nextSeq(context),
    userId: user.id,
    tag: decoded.value.Tag ?? null,
    returnUrl: decoded.value.ReturnUrl,
    hostedUrl: `${context.baseUrl()}/_hosted/idv/${id}`,
    creationDate: now(context),
    status: 'PENDING',
    checks: [],
    lastUpdate: now(context),
  };
  context.store.sessions.set(id, session);
  return ok(idvSessionWire(session, context.settings.era));
};

export const viewIdvSession = (context: SimulatorContext, sessionId: string): Reply =>
  found(context, sessionId, (session) => ok(idvSessionWire(session, context.settings.era)));

export const viewIdvSessionChecks = (context: SimulatorContext, sessionId: string): Reply =>
  found(context, sessionId, (session) => ok(idvChecksWire(session, context.settings.era)));

export const listIdvSessions = (context: SimulatorContext, userId: string, query: URLSearchParams): Reply => {
  if (!context.store.users.has(userId)) return notFound('User', userId, now(context));
  const read = readListParams(query);
  if (!read.ok) return paramError(read.errors, now(context));
  const mine = [...context.store.sessions.values()].filter((session) => session.userId === userId);
  const { page, headers } = paginate(mine, read.params, (session) => [session.creationDate, session.seq]);
  return ok(
    page.map((session) => idvSessionWire(session, context.settings.era)),
    headers,
  );
};
