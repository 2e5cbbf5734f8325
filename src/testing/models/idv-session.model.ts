import type { ImportIdvSession, ObserveIdvSession, StartIdvSession } from '../../domain/idv-session/idv-session.commands.js';
import type { IdvSessionStatus } from '../../domain/idv-session/idv-session.vocabulary.js';
import { isRefusedWith, recordsEvents, recordsNothing, type Expectation, type ExpectedEvent } from './expectation.js';
import { canonicalJson } from './canonical-json.js';
import { observationKey, routeTo, type LifecycleTables } from './observed-route.js';

/** All a model needs to know of a hosted IDV session: its status, the checks on record, an unresolved divergence. */
export interface IdvSessionModel {
  readonly status: 'NOT_STARTED' | IdvSessionStatus;
  /** The user the session was started for. */
  readonly userId: string | undefined;
  /** The checks last recorded, as canonical JSON. */
  readonly checks: string;
  readonly divergent: string | undefined;
}

const NO_CHECKS = canonicalJson([]);
export const initialIdvSessionModel: IdvSessionModel = { status: 'NOT_STARTED', userId: undefined, checks: NO_CHECKS, divergent: undefined };

/**
 * Seed 000: PENDING → REVIEW | VALIDATED | REJECTED | TIMEOUT | ERROR; REVIEW → VALIDATED | REJECTED | ERROR;
 * VALIDATED → OUTDATED. REJECTED, TIMEOUT, ERROR and OUTDATED are final. An OUTDATED session was VALIDATED first.
 */
export const IDV_SESSION_LIFE: LifecycleTables<IdvSessionStatus> = {
  routes: {
    PENDING: {
      REVIEW: ['REVIEW'],
      VALIDATED: ['VALIDATED'],
      REJECTED: ['REJECTED'],
      TIMEOUT: ['TIMEOUT'],
      ERROR: ['ERROR'],
      OUTDATED: ['VALIDATED', 'OUTDATED'],
    },
    REVIEW: { VALIDATED: ['VALIDATED'], REJECTED: ['REJECTED'], ERROR: ['ERROR'], OUTDATED: ['VALIDATED', 'OUTDATED'] },
    VALIDATED: { OUTDATED: ['OUTDATED'] },
    REJECTED: {},
    TIMEOUT: {},
    ERROR: {},
    OUTDATED: {},
  },
  behind: {
    PENDING: [],
    REVIEW: ['PENDING'],
    VALIDATED: ['PENDING', 'REVIEW'],
    REJECTED: ['PENDING', 'REVIEW'],
    TIMEOUT: ['PENDING'],
    ERROR: ['PENDING', 'REVIEW'],
    OUTDATED: ['PENDING', 'REVIEW', 'VALIDATED'],
  },
};

const EVENT_INTO: Readonly<Record<IdvSessionStatus, string>> = {
  PENDING: 'IdvSessionStarted',
  REVIEW: 'IdvSessionSentToReview',
  VALIDATED: 'IdvSessionValidated',
  REJECTED: 'IdvSessionRejected',
  TIMEOUT: 'IdvSessionTimedOut',
  ERROR: 'IdvSessionErrored',
  OUTDATED: 'IdvSessionOutdated',
};

export interface IdvSessionModelStep {
  readonly expected: Expectation;
  readonly next: IdvSessionModel;
}

const refused = (model: IdvSessionModel, ...codes: string[]): IdvSessionModelStep => ({ expected: isRefusedWith(...codes), next: model });

/**
 * Only OWNERs of the types the caller judged eligible (Mangopay's hosted IDV guide); a session is started once. The
 * same user's start of a session already recorded (its first hook came first) is that start's outcome: nothing more.
 */
const startStep = (model: IdvSessionModel, command: StartIdvSession, ineligibility: ReadonlyArray<string>): IdvSessionModelStep => {
  if (model.status !== 'NOT_STARTED') {
    return model.userId === command.userId ? { expected: recordsNothing, next: model } : refused(model, 'IDV_SESSION_ALREADY_STARTED', ...ineligibility);
  }
  if (ineligibility.length > 0) return refused(model, ...ineligibility);
  return started(command, undefined);
};

const started = (command: StartIdvSession | ImportIdvSession, anomalies: ReadonlyArray<ModelAnomaly> | undefined): IdvSessionModelStep => {
  const { sessionId, userId, user, returnUrl, hostedUrl, creationDate, tag } = command;
  return {
    expected: recordsEvents({
      type: 'IdvSessionStarted',
      sessionId,
      userId,
      personType: user.personType,
      legalPersonType: user.personType === 'LEGAL' ? user.legalPersonType : undefined,
      returnUrl,
      hostedUrl,
      creationDate,
      tag,
      anomalies,
    }),
    next: { status: 'PENDING', userId, checks: NO_CHECKS, divergent: undefined },
  };
};

/** Which part of the user each eligibility refusal is about, and the rule's name: what an imported session is flagged with. */
const ANOMALY_OF_REFUSAL: Readonly<Record<string, ModelAnomaly>> = {
  IDV_USER_TYPE_NOT_ELIGIBLE: { path: 'user.legalPersonType', rule: 'IdvEligibleLegalPersonType' },
  IDV_USER_NOT_OWNER: { path: 'user.userCategory', rule: 'IdvOwnerOnly' },
};

/**
 * Provider truth: a session Mangopay shows is recorded as it shows it, whoever the user is now; what the eligibility
 * rule would have refused (`ineligibility`, as the caller planted it) is an anomaly of the start, never a refusal.
 */
const importStep = (model: IdvSessionModel, command: ImportIdvSession, ineligibility: ReadonlyArray<string>): IdvSessionModelStep => {
  if (model.status !== 'NOT_STARTED') {
    return model.userId === command.userId ? { expected: recordsNothing, next: model } : refused(model, 'IDV_SESSION_ALREADY_STARTED');
  }
  const anomalies = ineligibility.map((code) => ANOMALY_OF_REFUSAL[code] ?? { path: 'user', rule: code });
  return started(command, anomalies.length === 0 ? undefined : anomalies);
};

/** Where a check breaks seed 000's rules, and which: what the event records beside the checks. */
export interface ModelAnomaly {
  readonly path: string;
  readonly rule: string;
}

/**
 * Provider truth, as for documents; and the checks: recorded when they are new and the session is at or moves to
 * the observed status. Mangopay decided them: checks that break seed 000's rules for the user's type (`anomalies`,
 * as the caller planted them) are recorded all the same, with those anomalies beside them.
 */
const observeStep = (model: IdvSessionModel, command: ObserveIdvSession, anomalies: ReadonlyArray<ModelAnomaly> | undefined): IdvSessionModelStep => {
  if (model.status === 'NOT_STARTED') return refused(model, 'IDV_SESSION_NOT_FOUND');
  const { sessionId, status, checks } = command;
  const key = observationKey(status);
  const newChecks = checks !== undefined && checks.length > 0 && canonicalJson(checks) !== model.checks ? checks : undefined;
  const checksAfter = newChecks === undefined ? model.checks : canonicalJson(newChecks);
  const route = typeof status === 'string' ? routeTo(IDV_SESSION_LIFE, model.status, status) : { kind: 'divergent' as const };
  switch (route.kind) {
    case 'same':
      return newChecks === undefined
        ? { expected: recordsNothing, next: model }
        : { expected: recordsEvents({ type: 'IdvSessionChecksObserved', sessionId, checks: newChecks, anomalies }), next: { ...model, checks: checksAfter } };
    case 'stale':
      return { expected: recordsNothing, next: model };
    case 'divergent':
      return model.divergent === key
        ? { expected: recordsNothing, next: model }
        : {
            expected: recordsEvents({ type: 'IdvSessionStatusDiverged', sessionId, localStatus: model.status, observedStatus: status }),
            next: { ...model, divergent: key },
          };
    case 'ahead': {
      const events: ExpectedEvent[] = route.through.map((into, i) => {
        const last = i === route.through.length - 1;
        const recordsChecks = last && newChecks !== undefined;
        return { type: EVENT_INTO[into], sessionId, source: last ? 'mangopay' : 'inferred', checks: recordsChecks ? newChecks : undefined, anomalies: recordsChecks ? anomalies : undefined };
      });
      const target = route.through[route.through.length - 1] as IdvSessionStatus;
      return { expected: recordsEvents(...events), next: { ...model, status: target, checks: checksAfter, divergent: undefined } };
    }
  }
};

const anotherSessionStep = (model: IdvSessionModel): IdvSessionModelStep =>
  model.status === 'NOT_STARTED' ? refused(model, 'IDV_SESSION_NOT_FOUND') : refused(model, 'IDV_SESSION_ID_MISMATCH');

/** The model's answer to each IdvSession command: what it must do, and the model after it. */
export const idvSessionModel = {
  initial: initialIdvSessionModel,
  start: startStep,
  importSession: importStep,
  observe: observeStep,
  nameAnotherSession: anotherSessionStep,
} as const;
