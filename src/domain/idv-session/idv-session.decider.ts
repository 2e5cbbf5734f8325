import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Decider } from '../shared/decider.js';
import { anomaliesField, type Anomaly } from '../shared/anomaly.js';
import { domainError } from '../shared/domain-error.js';
import { invalidInput } from '../shared/invalid-input.js';
import { matchesRecorded } from '../shared/personal-data.js';
import { isUnrecognized, type Recognized } from '../shared/recognized.js';
import type { StepSource } from '../shared/step-source.js';
import { classifyObservedStatus, rowsFor, type Transition } from '../shared/transition-table.js';
import { erasedMarkersIn, idvCheckAnomalies } from './idv-check-validation.js';
import { checkIdvEligibility, idvEligibilityAnomalies } from './idv-eligibility.js';
import type { IdvSessionCommand, IdvSessionCommandType, ImportIdvSession, ObserveIdvSession, StartIdvSession } from './idv-session.commands.js';
import type { IdvSessionError } from './idv-session.errors.js';
import type { IdvSessionEvent, IdvSessionEventType } from './idv-session.events.js';
import {
  initialIdvSessionState,
  isStarted,
  type IdvSession,
  type IdvSessionLifecycle,
  type IdvSessionState,
} from './idv-session.state.js';
import { idvSessionReplay } from './idv-session.replay.js';
import { idvSessionTransitions } from './idv-session.transitions.js';
import type { IdvSessionStatus } from './idv-session.vocabulary.js';

type Decision = E.Either<IdvSessionError, ReadonlyArray<IdvSessionEvent>>;
type StepEventType = Exclude<IdvSessionEventType, 'IdvSessionStarted' | 'IdvSessionChecksObserved' | 'IdvSessionStatusDiverged'>;
type Row = Transition<IdvSessionLifecycle, IdvSessionCommandType, IdvSessionEventType>;
type StepRow = Transition<IdvSessionLifecycle, IdvSessionCommandType, StepEventType>;

const NOTHING: ReadonlyArray<IdvSessionEvent> = [];
const isStep = (row: Row): row is StepRow => row.command === 'ObserveIdvSession';
/** The status changes a started session can go through: what reconciliation walks. */
const steps: ReadonlyArray<StepRow> = idvSessionTransitions.filter(isStep);

/** The session recorded once; the same session recorded again for the same user (its first hook came first) is nothing more. */
const alreadyStarted = (command: StartIdvSession | ImportIdvSession, state: IdvSessionState): Decision | undefined =>
  rowsFor(idvSessionTransitions, state.status, command.type).length > 0
    ? undefined
    : isStarted(state) && state.userId === command.userId
      ? E.right(NOTHING)
      : E.left(domainError('IDV_SESSION_ALREADY_STARTED', 'This IDV session has already been started'));

const started = (command: StartIdvSession | ImportIdvSession, anomalies: ReadonlyArray<Anomaly>): IdvSessionEvent => ({
  type: 'IdvSessionStarted',
  sessionId: command.sessionId,
  userId: command.userId,
  personType: command.user.personType,
  ...(command.user.personType === 'LEGAL' ? { legalPersonType: command.user.legalPersonType } : {}),
  returnUrl: command.returnUrl,
  hostedUrl: command.hostedUrl,
  creationDate: command.creationDate,
  ...(command.tag === undefined ? {} : { tag: command.tag }),
  ...anomaliesField(anomalies),
});

/** The platform records the session Mangopay created for it: only for a user the eligibility rule admits. */
const start = (command: StartIdvSession, state: IdvSessionState): Decision =>
  alreadyStarted(command, state) ??
  pipe(
    checkIdvEligibility(command.user),
    E.map(() => [started(command, [])]),
  );

/** Provider truth: a session Mangopay shows is recorded as it shows it, the user's breaches of the rule as anomalies. */
const importSession = (command: ImportIdvSession, state: IdvSessionState): Decision =>
  alreadyStarted(command, state) ?? E.right([started(command, idvEligibilityAnomalies(command.user))]);

const sameObservation = (a: Recognized<IdvSessionStatus> | undefined, b: Recognized<IdvSessionStatus>): boolean =>
  a !== undefined && (isUnrecognized(a) ? isUnrecognized(b) && a.unrecognized === b.unrecognized : a === b);

/**
 * Provider truth: the observed status is reached through legal steps (the missing ones recorded as
 * inferred, the checks on the observed one), or recorded as a divergence. A repeated or stale
 * observation records nothing, unless it brings checks not seen before. Checks that break seed 000's
 * rules are recorded all the same, with their anomalies: Mangopay decided the outcome.
 */
const observe = (command: ObserveIdvSession, session: IdvSession): Decision => {
  const checks = command.checks ?? [];
  const erased = erasedMarkersIn(checks);
  if (erased.length > 0) return E.left(invalidInput(erased, 'ObserveIdvSession'));
  // Erased values match what Mangopay returns again: erasure must not make every re-read record the checks anew.
  const withChecks =
    checks.length > 0 && !matchesRecorded(checks, session.checks) ? { checks, ...anomaliesField(idvCheckAnomalies(session.personType, checks)) } : undefined;
  const diverged = (): Decision =>
    E.right(
      sameObservation(session.divergentStatus, command.status)
        ? NOTHING
        : [{ type: 'IdvSessionStatusDiverged', sessionId: session.sessionId, localStatus: session.status, observedStatus: command.status }],
    );
  if (isUnrecognized(command.status)) return diverged();
  const relation = classifyObservedStatus(steps, session.status, command.status);
  switch (relation.kind) {
    case 'same':
      return E.right(withChecks === undefined ? NOTHING : [{ type: 'IdvSessionChecksObserved', sessionId: session.sessionId, ...withChecks }]);
    case 'stale':
      return E.right(NOTHING);
    case 'divergent':
      return diverged();
    case 'ahead':
      return E.right(
        relation.path.map((row, index) => {
          const last = index === relation.path.length - 1;
          const source: StepSource = last ? 'mangopay' : 'inferred';
          return { type: row.event, sessionId: session.sessionId, source, ...(last ? withChecks : {}) };
        }),
      );
  }
};

const statusAfter: { readonly [K in StepEventType]: IdvSessionStatus } = {
  IdvSessionSentToReview: 'REVIEW',
  IdvSessionValidated: 'VALIDATED',
  IdvSessionRejected: 'REJECTED',
  IdvSessionTimedOut: 'TIMEOUT',
  IdvSessionErrored: 'ERROR',
  IdvSessionOutdated: 'OUTDATED',
};

export const evolveIdvSession = (state: IdvSessionState, event: IdvSessionEvent): IdvSessionState => {
  if (event.type === 'IdvSessionStarted') {
    return {
      status: 'PENDING',
      sessionId: event.sessionId,
      userId: event.userId,
      personType: event.personType,
      legalPersonType: event.legalPersonType,
      returnUrl: event.returnUrl,
      hostedUrl: event.hostedUrl,
      tag: event.tag,
      creationDate: event.creationDate,
      checks: [],
      anomalies: [],
      userAnomalies: event.anomalies ?? [],
      divergentStatus: undefined,
    };
  }
  if (!isStarted(state)) return state;
  switch (event.type) {
    case 'IdvSessionChecksObserved':
      return { ...state, checks: event.checks, anomalies: event.anomalies ?? [] };
    case 'IdvSessionStatusDiverged':
      return { ...state, divergentStatus: event.observedStatus };
    default:
      return {
        ...state,
        status: statusAfter[event.type],
        checks: event.checks ?? state.checks,
        anomalies: event.checks === undefined ? state.anomalies : (event.anomalies ?? []),
        divergentStatus: undefined,
      };
  }
};

/** `evolveIdvSession` over a whole stream, one copy of the session instead of one per event (see idv-session.replay.ts). */
export const replayIdvSession = idvSessionReplay(evolveIdvSession, statusAfter);

const existing = (state: IdvSessionState, sessionId: string): E.Either<IdvSessionError, IdvSession> => {
  if (!isStarted(state)) return E.left(domainError('IDV_SESSION_NOT_FOUND', 'No IDV session exists with this id'));
  if (state.sessionId !== sessionId) {
    return E.left(domainError('IDV_SESSION_ID_MISMATCH', 'The command names another session than this stream holds'));
  }
  return E.right(state);
};

export type IdvSessionDecider = Decider<IdvSessionCommand, IdvSessionEvent, IdvSessionState, IdvSessionError>;

/** The IdvSession aggregate (seed 000's hosted identity verification). */
export const idvSessionDecider: IdvSessionDecider = {
  initialState: initialIdvSessionState,
  evolve: evolveIdvSession,
  replay: replayIdvSession,
  decide: (command, state) => {
    switch (command.type) {
      case 'StartIdvSession':
        return start(command, state);
      case 'ImportIdvSession':
        return importSession(command, state);
      case 'ObserveIdvSession':
        return E.flatMap(existing(state, command.sessionId), (session) => observe(command, session));
    }
  },
};

