import * as E from 'fp-ts/lib/Either.js';
import type { HookEventType } from '../application/ports/mangopay-vocabulary.js';
import { fold } from '../domain/shared/decider.js';
import { unixTimestamp } from '../domain/shared/unix-timestamp.js';
import type { IdvSessionCommand } from '../domain/idv-session/idv-session.commands.js';
import { idvSessionDecider } from '../domain/idv-session/idv-session.decider.js';
import type { IdvSessionError } from '../domain/idv-session/idv-session.errors.js';
import type { IdvSessionEvent } from '../domain/idv-session/idv-session.events.js';
import { initialIdvSessionState, isStarted, type IdvSession, type IdvSessionState } from '../domain/idv-session/idv-session.state.js';
import { refusal } from './domain-refusal.js';
import { paginate, readListParams } from './list-params.js';
import { CreateIdvSessionBody, decodeBody } from './request-bodies.js';
import { nextSeq, notify, now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { notFound, ok, paramError, type Reply } from './simulator-reply.js';
import { sessionReached } from './user-kyc-levels.js';
import { idvChecksWire, idvSessionWire } from './wire-shapes.js';

const HOOK_OF: Partial<Record<IdvSessionEvent['type'], HookEventType>> = {
  IdvSessionValidated: 'IDENTITY_VERIFICATION_VALIDATED',
  IdvSessionRejected: 'IDENTITY_VERIFICATION_FAILED',
  IdvSessionTimedOut: 'IDENTITY_VERIFICATION_FAILED',
  IdvSessionErrored: 'IDENTITY_VERIFICATION_FAILED',
  IdvSessionSentToReview: 'IDENTITY_VERIFICATION_INCONCLUSIVE',
  IdvSessionOutdated: 'IDENTITY_VERIFICATION_OUTDATED',
};

const FIELD_OF: Partial<Record<IdvSessionError['type'], string>> = {
  IDV_USER_TYPE_NOT_ELIGIBLE: 'LegalPersonType',
  IDV_USER_NOT_OWNER: 'UserCategory',
  IDV_CHECKS_BREAK_RULES: 'Checks',
};

export const sessionRefusal = (context: SimulatorContext, error: IdvSessionError): Reply =>
  refusal(FIELD_OF[error.type] ?? 'Status', error, now(context));

/**
 * Runs a command through the project's IdvSession decider (eligibility, check rules, transitions), keeps the
 * state, notifies the hooks and tells the user's KYC level.
 */
export const decideSession = (
  context: SimulatorContext,
  state: IdvSessionState,
  command: IdvSessionCommand,
): E.Either<IdvSessionError, IdvSession> => {
  const decided = idvSessionDecider.decide(command, state);
  if (E.isLeft(decided)) return decided;
  const next = fold(idvSessionDecider.evolve, state)(decided.right);
  if (!isStarted(next)) return E.left({ type: 'IDV_SESSION_NOT_FOUND', message: 'No IDV session exists with this id' });
  const existing = context.store.sessions.get(next.sessionId);
  if (existing === undefined) context.store.sessions.set(next.sessionId, { seq: nextSeq(context), state: next, lastUpdate: now(context) });
  else {
    existing.state = next;
    existing.lastUpdate = now(context);
  }
  for (const event of decided.right) {
    const hook = HOOK_OF[event.type];
    if (hook !== undefined) notify(context, hook, next.sessionId);
    if (event.type === 'IdvSessionValidated' || event.type === 'IdvSessionOutdated') {
      const user = context.store.users.get(next.userId);
      if (user !== undefined) sessionReached(context, user, next.sessionId, next.status);
    }
  }
  return E.right(next);
};

export const createIdvSession = (context: SimulatorContext, userId: string, body: unknown): Reply => {
  const user = context.store.users.get(userId);
  if (user === undefined) return notFound('User', userId, now(context));
  const decoded = decodeBody(CreateIdvSessionBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const sessionId = newId('idnver', context.settings.now());
  const { ReturnUrl, Tag } = decoded.value;
  const decided = decideSession(context, initialIdvSessionState, {
    type: 'StartIdvSession',
    sessionId,
    userId: user.id,
    user: user.profile,
    returnUrl: ReturnUrl,
    hostedUrl: `${context.baseUrl()}/_hosted/idv/${sessionId}`,
    creationDate: unixTimestamp(now(context)),
    ...(Tag === null || Tag === undefined ? {} : { tag: Tag }),
  });
  if (E.isLeft(decided)) return sessionRefusal(context, decided.left);
  const session = context.store.sessions.get(sessionId);
  return session === undefined ? notFound('IdentityVerification', sessionId, now(context)) : ok(idvSessionWire(session, context.settings.era));
};

export const viewIdvSession = (context: SimulatorContext, sessionId: string): Reply => {
  const session = context.store.sessions.get(sessionId);
  return session === undefined ? notFound('IdentityVerification', sessionId, now(context)) : ok(idvSessionWire(session, context.settings.era));
};

export const viewIdvSessionChecks = (context: SimulatorContext, sessionId: string): Reply => {
  const session = context.store.sessions.get(sessionId);
  return session === undefined ? notFound('IdentityVerification', sessionId, now(context)) : ok(idvChecksWire(session, context.settings.era));
};

export const listIdvSessions = (context: SimulatorContext, userId: string, query: URLSearchParams): Reply => {
  if (!context.store.users.has(userId)) return notFound('User', userId, now(context));
  const read = readListParams(query);
  if (!read.ok) return paramError(read.errors, now(context));
  const mine = [...context.store.sessions.values()].filter((session) => session.state.userId === userId);
  const { page, headers } = paginate(mine, read.params, (session) => [session.state.creationDate, session.seq]);
  return ok(
    page.map((session) => idvSessionWire(session, context.settings.era)),
    headers,
  );
};
