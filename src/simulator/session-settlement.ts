import * as t from 'io-ts';
import { checksFor, DATA_POINT_SOURCE, reasonFits } from './idv-check-rules.js';
import { sessionReached } from './idv-sessions-resource.js';
import { SESSION_STEPS } from './lifecycles.js';
import type { IdvCheckStatus, IdvSessionStatus } from './mangopay-words.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { mangopayError, notFound, paramError, type Reply } from './simulator-reply.js';
import type { CheckReason, SimulatedCheck, SimulatedSession, SimulatedUser } from './simulator-store.js';

const Comment = t.refinement(t.string, (s) => s.length <= 1000, 'ReasonValue');
const Reason = t.intersection([t.type({ type: t.string }), t.partial({ value: Comment })]);
/** One refused check: a reason (and a comment), or several reasons ("one or more objects" in Checks.Reasons). */
const CheckRefusal = t.union([t.intersection([t.type({ reason: t.string }), t.partial({ description: Comment })]), t.type({ reasons: t.array(Reason) })]);

/** Today's words and the seed's, both accepted: the seed's REJECTED / TIMEOUT / OUTDATED are today's REFUSED / EXPIRED / OUT_OF_DATE. */
const STATUS_OF: Readonly<Record<string, IdvSessionStatus>> = {
  VALIDATED: 'VALIDATED',
  REVIEW: 'REVIEW',
  ERROR: 'ERROR',
  EXPIRED: 'EXPIRED',
  TIMEOUT: 'EXPIRED',
  OUT_OF_DATE: 'OUT_OF_DATE',
  OUTDATED: 'OUT_OF_DATE',
};

/** How a person (on the hosted page) or a test (through the control API) ends a session. */
export const SessionOutcome = t.union(
  [
    t.type({ status: t.keyof({ VALIDATED: null, REVIEW: null, ERROR: null, EXPIRED: null, TIMEOUT: null, OUT_OF_DATE: null, OUTDATED: null }) }),
    t.type({ status: t.keyof({ REFUSED: null, REJECTED: null }), refusals: t.record(t.string, CheckRefusal) }),
  ],
  'SessionOutcome',
);
export type SessionOutcome = t.TypeOf<typeof SessionOutcome>;

const reasonsOf = (refusal: t.TypeOf<typeof CheckRefusal>): ReadonlyArray<CheckReason> =>
  'reasons' in refusal
    ? refusal.reasons.map((reason) => ({ type: reason.type, value: reason.value ?? null }))
    : [{ type: refusal.reason, value: refusal.description ?? null }];

const dataOf = (user: SimulatedUser, points: ReadonlyArray<string>): SimulatedCheck['data'] =>
  points.flatMap((type) => {
    const value = user.fields[DATA_POINT_SOURCE[type] ?? ''];
    const text = typeof value === 'number' || typeof value === 'string' ? String(value).slice(0, 255) : '';
    return text.trim().length > 0 ? [{ type, value: text }] : [];
  });

/** The checks Mangopay fills for the user's type, each with a status and its reasons. */
const filled = (
  context: SimulatorContext,
  user: SimulatedUser,
  outcome: (checkType: string) => { readonly status: IdvCheckStatus; readonly reasons: ReadonlyArray<CheckReason>; readonly withData: boolean },
): ReadonlyArray<SimulatedCheck> =>
  checksFor(context.settings.era, user.personType, user.legalPersonType).map(([type, points]) => {
    const { status, reasons, withData } = outcome(type);
    return { id: newId('idnchc', context.settings.now()), type, status, data: withData ? dataOf(user, points) : [], reasons, date: now(context) };
  });

const refusedWith = (type: string) => ({ status: 'REFUSED' as const, reasons: [{ type, value: null }], withData: false });

const checksAfter = (context: SimulatorContext, user: SimulatedUser, session: SimulatedSession, outcome: SessionOutcome, status: IdvSessionStatus): ReadonlyArray<SimulatedCheck> => {
  switch (status) {
    case 'VALIDATED':
      return filled(context, user, () => ({ status: 'VALIDATED', reasons: [], withData: true }));
    case 'REVIEW':
      return filled(context, user, () => ({ status: 'PENDING', reasons: [], withData: true }));
    case 'REFUSED': {
      const refusals = 'refusals' in outcome ? outcome.refusals : {};
      return filled(context, user, (type) => {
        const refusal = refusals[type];
        return refusal === undefined ? { status: 'VALIDATED', reasons: [], withData: true } : { status: 'REFUSED', reasons: reasonsOf(refusal), withData: true };
      });
    }
    // "The IDV Session object": an expired session was never submitted, so it has no checks; the seed's TIMEOUT
    // refuses every check with its TIMEOUT reason.
    case 'EXPIRED':
      return context.settings.era === 'seed' ? filled(context, user, () => refusedWith('TIMEOUT')) : [];
    case 'ERROR':
      return filled(context, user, () => refusedWith('ERROR'));
    case 'OUT_OF_DATE':
      return session.checks.map((check) => ({ ...check, status: 'REFUSED' as const, reasons: [{ type: 'EXPIRED_CREDENTIALS', value: null }] }));
    case 'PENDING':
      return session.checks;
  }
};

/** Why a refusal cannot be: a check not run for this user, a reason not listed for its check, or nothing refused. */
const refusalProblem = (context: SimulatorContext, user: SimulatedUser, refusals: Readonly<Record<string, t.TypeOf<typeof CheckRefusal>>>): string | undefined => {
  const run = new Set(checksFor(context.settings.era, user.personType, user.legalPersonType).map(([type]) => type));
  const entries = Object.entries(refusals);
  if (entries.length === 0) return 'Refuse at least one check.';
  for (const [type, refusal] of entries) {
    if (!run.has(type)) return `The ${type} check is not run for this user.`;
    const reasons = reasonsOf(refusal);
    if (reasons.length === 0) return `A refused ${type} check needs a reason.`;
    if (!reasons.every((reason) => reasonFits(type, reason.type))) return `A reason given is not one Mangopay lists for the ${type} check.`;
  }
  return undefined;
};

/** Ends a session as Mangopay would: one documented step from where it is, with the checks for the user's type. */
export const settleSession = (context: SimulatorContext, sessionId: string, outcome: SessionOutcome): SimulatedSession | Reply => {
  const session = context.store.sessions.get(sessionId);
  if (session === undefined) return notFound('IdentityVerification', sessionId, now(context));
  const user = context.store.users.get(session.userId);
  if (user === undefined) return notFound('User', session.userId, now(context));
  const target = 'refusals' in outcome ? 'REFUSED' : (STATUS_OF[outcome.status] as IdvSessionStatus);
  const step = SESSION_STEPS.find((row) => row.from === session.status && row.to === target && (row.legalOnly !== true || user.personType === 'LEGAL'));
  if (step === undefined) {
    return mangopayError(409, 'invalid_transition', `A ${session.status} session cannot become ${target}`, { Status: `No step leads from ${session.status} to ${target}.` }, now(context));
  }
  if ('refusals' in outcome) {
    const problem = refusalProblem(context, user, outcome.refusals);
    if (problem !== undefined) return paramError({ refusals: problem }, now(context));
  }
  session.checks = checksAfter(context, user, session, outcome, target);
  sessionReached(context, session, target);
  return session;
};
