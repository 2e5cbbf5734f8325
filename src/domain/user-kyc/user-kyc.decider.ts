import * as E from 'fp-ts/lib/Either.js';
import { anomaliesField } from '../shared/anomaly.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import { jsonEqual } from '../shared/json-equal.js';
import { isUnrecognized } from '../shared/recognized.js';
import { retentionEndsAt } from './personal-data-retention.js';
import type {
  ErasePersonalData,
  ObserveUboDeclarations,
  ObserveUser,
  RecordIdvSessionStatus,
  RecordKycDocumentStatus,
  UserKycCommand,
} from './user-kyc.commands.js';
import type { UserKycError } from './user-kyc.errors.js';
import type { UserKycEvent } from './user-kyc.events.js';
import { userKycReplay } from './user-kyc.replay.js';
import { userProfileAnomalies } from '../shared/user-profile.js';
import { uboDeclarationAnomalies } from './ubo-declaration.js';
import { initialUserKycState, isKnownUser, type UserKyc, type UserKycState } from './user-kyc.state.js';

type Decision = E.Either<UserKycError, ReadonlyArray<UserKycEvent>>;
const NOTHING: ReadonlyArray<UserKycEvent> = [];

const observe = (command: ObserveUser, state: UserKycState): Decision => {
  if (!isKnownUser(state)) {
    if (isUnrecognized(command.kycLevel)) {
      return E.left(
        domainError('USER_FIRST_SEEN_WITH_UNRECOGNIZED_LEVEL', 'A user cannot be registered with a KYC level this core does not know'),
      );
    }
    return E.right([
      { type: 'UserRegistered', userId: command.userId, user: command.user, kycLevel: command.kycLevel, ...anomaliesField(userProfileAnomalies(command.user)) },
    ]);
  }
  if (state.userId !== command.userId) return E.left(domainError('USER_ID_MISMATCH', 'The command names another user than this stream holds'));
  const events: UserKycEvent[] = [];
  if (!jsonEqual(state.user, command.user)) {
    events.push({ type: 'UserProfileChanged', userId: state.userId, user: command.user, ...anomaliesField(userProfileAnomalies(command.user)) });
  }
  if (isUnrecognized(command.kycLevel)) {
    if (!jsonEqual(state.unrecognizedLevel, command.kycLevel)) {
      events.push({ type: 'UserKycLevelUnrecognized', userId: state.userId, observed: command.kycLevel });
    }
  } else if (command.kycLevel !== state.status) {
    events.push({ type: 'UserKycLevelChanged', userId: state.userId, from: state.status, to: command.kycLevel });
  }
  return E.right(events);
};

const known = (state: UserKycState, userId: string): E.Either<UserKycError, UserKyc> => {
  if (!isKnownUser(state)) return E.left(domainError('USER_NOT_FOUND', 'This user has not been seen yet'));
  if (state.userId !== userId) return E.left(domainError('USER_ID_MISMATCH', 'The command names another user than this stream holds'));
  return E.right(state);
};

/** Only VALIDATED counts; a document that leaves VALIDATED (OUT_OF_DATE) stops counting. Repeats record nothing. */
const recordDocument = (command: RecordKycDocumentStatus, user: UserKyc): ReadonlyArray<UserKycEvent> => {
  const counted = user.validatedDocuments.has(command.documentId);
  const { userId, documentId, documentType } = command;
  if (command.status === 'VALIDATED' && !counted) return [{ type: 'UserKycDocumentValidated', userId, documentId, documentType }];
  if (command.status === 'OUT_OF_DATE' && counted) return [{ type: 'UserKycDocumentExpired', userId, documentId, documentType }];
  return NOTHING;
};

const recordSession = (command: RecordIdvSessionStatus, user: UserKyc): ReadonlyArray<UserKycEvent> => {
  const counted = user.validatedSessions.has(command.sessionId);
  const { userId, sessionId } = command;
  if (command.status === 'VALIDATED' && !counted) return [{ type: 'UserIdvSessionValidated', userId, sessionId }];
  if (command.status === 'OUTDATED' && counted) return [{ type: 'UserIdvSessionExpired', userId, sessionId }];
  return NOTHING;
};

/**
 * Each declaration Mangopay shows other than last recorded is recorded, with where it breaks the documented rules;
 * one shown as recorded records nothing (a repeated or duplicated observation). A declaration listed twice in one
 * view counts once, as its last listing shows it.
 */
const observeUboDeclarations = (command: ObserveUboDeclarations, user: UserKyc): ReadonlyArray<UserKycEvent> => {
  const latest = new Map(command.declarations.map((declaration) => [declaration.declarationId, declaration] as const));
  const events: UserKycEvent[] = [];
  for (const declaration of latest.values()) {
    const previous = user.uboDeclarations.get(declaration.declarationId);
    if (previous !== undefined && jsonEqual(previous, declaration)) continue;
    events.push({
      type: 'UboDeclarationObserved',
      userId: user.userId,
      declaration,
      ...anomaliesField(uboDeclarationAnomalies(user.user, previous, declaration)),
    });
  }
  return events;
};

/**
 * Seen twice, an erasure records nothing (the application still makes sure the key is gone). The retention
 * rule is judged on the dates the command carries: `retentionYears` after the last activity.
 */
const erase = (command: ErasePersonalData, state: UserKycState): Decision => {
  const holder = isKnownUser(state) ? state.userId : state.erasure?.userId;
  if (holder !== undefined && holder !== command.userId) {
    return E.left(domainError('USER_ID_MISMATCH', 'The command names another user than this stream holds'));
  }
  if (state.erasure !== undefined) return E.right(NOTHING);
  const { userId, requestedAt, erasedBy, reason, forced, retentionYears, lastActivityAt } = command;
  const endsAt = lastActivityAt === undefined ? undefined : retentionEndsAt(lastActivityAt, retentionYears);
  if (!forced && endsAt !== undefined && requestedAt < endsAt) {
    return E.left(
      domainError(
        'RETENTION_PERIOD_NOT_OVER',
        `Personal data must be kept until ${new Date(endsAt * 1000).toISOString()} (${retentionYears} years after the last activity); only a forced erasure may come earlier`,
        { retentionEndsAt: endsAt },
      ),
    );
  }
  return E.right([
    {
      type: 'PersonalDataErased',
      userId,
      erasedAt: requestedAt,
      erasedBy,
      reason,
      forced,
      retentionYears,
      ...(lastActivityAt === undefined || endsAt === undefined ? {} : { lastActivityAt, retentionEndsAt: endsAt }),
    },
  ]);
};

export const evolveUserKyc = (state: UserKycState, event: UserKycEvent): UserKycState => {
  if (event.type === 'UserRegistered') {
    return {
      status: event.kycLevel,
      userId: event.userId,
      user: event.user,
      validatedDocuments: new Map(),
      validatedSessions: new Set(),
      uboDeclarations: new Map(),
      unrecognizedLevel: undefined,
      erasure: state.erasure,
    };
  }
  if (event.type === 'PersonalDataErased') {
    const erasure = { userId: event.userId, erasedAt: event.erasedAt, erasedBy: event.erasedBy, forced: event.forced };
    return isKnownUser(state) ? { ...state, erasure } : { status: 'UNKNOWN', erasure };
  }
  if (!isKnownUser(state)) return state;
  switch (event.type) {
    case 'UserProfileChanged':
      return { ...state, user: event.user };
    case 'UserKycLevelChanged':
      return { ...state, status: event.to, unrecognizedLevel: undefined };
    case 'UserKycLevelUnrecognized':
      return { ...state, unrecognizedLevel: event.observed };
    case 'UserKycDocumentValidated':
      return { ...state, validatedDocuments: new Map(state.validatedDocuments).set(event.documentId, event.documentType) };
    case 'UserKycDocumentExpired': {
      const validatedDocuments = new Map(state.validatedDocuments);
      validatedDocuments.delete(event.documentId);
      return { ...state, validatedDocuments };
    }
    case 'UserIdvSessionValidated':
      return { ...state, validatedSessions: new Set(state.validatedSessions).add(event.sessionId) };
    case 'UserIdvSessionExpired': {
      const validatedSessions = new Set(state.validatedSessions);
      validatedSessions.delete(event.sessionId);
      return { ...state, validatedSessions };
    }
    case 'UboDeclarationObserved':
      return { ...state, uboDeclarations: new Map(state.uboDeclarations).set(event.declaration.declarationId, event.declaration) };
  }
};

/** `evolveUserKyc` over a whole stream, in linear time (see user-kyc.replay.ts). */
export const replayUserKyc = userKycReplay(evolveUserKyc);

export type UserKycDecider = Decider<UserKycCommand, UserKycEvent, UserKycState, UserKycError>;

/** The UserKyc aggregate: KYC level LIGHT / REGULAR, what is still missing for REGULAR (UBO declarations included), and the erasure of personal data. */
export const userKycDecider: UserKycDecider = {
  initialState: initialUserKycState,
  evolve: evolveUserKyc,
  replay: replayUserKyc,
  decide: (command, state) => {
    switch (command.type) {
      case 'ObserveUser':
        return observe(command, state);
      case 'RecordKycDocumentStatus':
        return E.map((user: UserKyc) => recordDocument(command, user))(known(state, command.userId));
      case 'RecordIdvSessionStatus':
        return E.map((user: UserKyc) => recordSession(command, user))(known(state, command.userId));
      case 'ObserveUboDeclarations':
        return E.map((user: UserKyc) => observeUboDeclarations(command, user))(known(state, command.userId));
      case 'ErasePersonalData':
        return erase(command, state);
    }
  },
};
