import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../domain/shared/codec-helpers.js';
import { IDV_CHECKS_BY_PERSON_TYPE } from '../domain/idv-session/idv-check-rules.js';
import type { IdvCheck, IdvDataPoint } from '../domain/idv-session/idv-check.js';
import { idvSessionTransitions } from '../domain/idv-session/idv-session.transitions.js';
import type { IdvSession } from '../domain/idv-session/idv-session.state.js';
import {
  IDV_CHECK_TYPES,
  IdvRefusalReason,
  type IdvCheckType,
  type IdvCheckStatus,
  type IdvDataPointType,
  type IdvSessionStatus,
} from '../domain/idv-session/idv-session.vocabulary.js';
import { decideSession, sessionRefusal } from './idv-sessions-resource.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { mangopayError, notFound, paramError, type Reply } from './simulator-reply.js';
import type { SimulatedUser } from './simulator-store.js';

const CheckRefusal = t.intersection([t.type({ reason: IdvRefusalReason }), t.partial({ description: t.string })]);

/** How a person (on the hosted page) or a test (through the control API) ends a session. */
export const SessionOutcome = t.union(
  [
    t.type({ status: literals('SessionOutcomeStatus', ['VALIDATED', 'REVIEW', 'TIMEOUT', 'ERROR', 'OUTDATED']) }),
    t.type({
      status: t.literal('REJECTED'),
      /** At least one check type refused, each with a reason the glossary lists for it. */
      refusals: t.partial(
        Object.fromEntries(IDV_CHECK_TYPES.map((type) => [type, CheckRefusal])) as Record<IdvCheckType, typeof CheckRefusal>,
      ),
    }),
  ],
  'SessionOutcome',
);
export type SessionOutcome = t.TypeOf<typeof SessionOutcome>;

/** Where each verified data point is read from on the user object Mangopay holds. */
const SOURCE_FIELD: { readonly [D in IdvDataPointType]: string } = {
  FIRST_NAME: 'FirstName',
  LAST_NAME: 'LastName',
  BIRTHDATE: 'Birthday',
  NATIONALITY: 'Nationality',
  RESIDENCY: 'CountryOfResidence',
  COMPANY_NAME: 'Name',
  COMPANY_NUMBER: 'CompanyNumber',
  LEGAL_REPRESENTATIVE_FIRST_NAME: 'LegalRepresentativeFirstName',
  LEGAL_REPRESENTATIVE_LAST_NAME: 'LegalRepresentativeLastName',
  LEGAL_REPRESENTATIVE_BIRTHDATE: 'LegalRepresentativeBirthday',
  LEGAL_REPRESENTATIVE_NATIONALITY: 'LegalRepresentativeNationality',
  LEGAL_REPRESENTATIVE_FIRST_RESIDENCY: 'LegalRepresentativeCountryOfResidence',
};

const dataPointsOf = (user: SimulatedUser, types: ReadonlyArray<IdvDataPointType>): ReadonlyArray<IdvDataPoint> =>
  types.flatMap((type) => {
    const value = user.fields[SOURCE_FIELD[type]];
    const text = typeof value === 'number' || typeof value === 'string' ? String(value).slice(0, 255) : '';
    return text.trim().length > 0 ? [{ type, value: text }] : [];
  });

/** The checks Mangopay runs for this user's type (the domain's table), filled from the user's data. */
const checksFor = (
  context: SimulatorContext,
  user: SimulatedUser,
  status: (type: IdvCheckType) => IdvCheckStatus,
  refusalOf: (type: IdvCheckType) => Pick<IdvCheck, 'refusalReason' | 'refusalDescription'>,
  withData: boolean,
): ReadonlyArray<IdvCheck> =>
  (Object.entries(IDV_CHECKS_BY_PERSON_TYPE[user.profile.personType]) as Array<[IdvCheckType, ReadonlyArray<IdvDataPointType>]>).map(
    ([type, dataPoints]) => ({
      checkId: newId('idnchc', context.settings.now()),
      type,
      status: status(type),
      dataPoints: withData ? dataPointsOf(user, dataPoints) : [],
      ...refusalOf(type),
    }),
  );

const refusedAll = (session: IdvSession, reason: IdvRefusalReason): ReadonlyArray<IdvCheck> =>
  session.checks.map((check) => ({ ...check, status: 'REFUSED' as const, refusalReason: reason }));

const checksAfter = (context: SimulatorContext, user: SimulatedUser, session: IdvSession, outcome: SessionOutcome): ReadonlyArray<IdvCheck> => {
  const none = () => ({});
  switch (outcome.status) {
    case 'VALIDATED':
      return checksFor(context, user, () => 'VALIDATED', none, true);
    case 'REVIEW':
      return checksFor(context, user, () => 'PENDING', none, true);
    case 'REJECTED': {
      const refusals = outcome.refusals;
      return checksFor(
        context,
        user,
        (type) => (refusals[type] === undefined ? 'VALIDATED' : 'REFUSED'),
        (type) => {
          const refused = refusals[type];
          return refused === undefined
            ? {}
            : { refusalReason: refused.reason, ...(refused.description === undefined ? {} : { refusalDescription: refused.description.slice(0, 1000) }) };
        },
        true,
      );
    }
    case 'TIMEOUT':
    case 'ERROR':
      // The glossary's TIMEOUT and ERROR reasons apply to every check type.
      return checksFor(context, user, () => 'REFUSED', () => ({ refusalReason: outcome.status === 'TIMEOUT' ? 'TIMEOUT' : 'ERROR' }), false);
    case 'OUTDATED':
      return refusedAll(session, 'EXPIRED_CREDENTIALS');
  }
};

/**
 * Ends a session as Mangopay would: one legal step of the domain's transition table from where it is,
 * with the checks Mangopay fills for the user's type, all run through the IdvSession decider.
 */
export const settleSession = (context: SimulatorContext, sessionId: string, outcome: SessionOutcome): E.Either<Reply, IdvSession> => {
  const session = context.store.sessions.get(sessionId);
  if (session === undefined) return E.left(notFound('IdentityVerification', sessionId, now(context)));
  const user = context.store.users.get(session.state.userId);
  if (user === undefined) return E.left(notFound('User', session.state.userId, now(context)));
  const target: IdvSessionStatus = outcome.status;
  if (!idvSessionTransitions.some((row) => row.from === session.state.status && row.to === target)) {
    return E.left(
      mangopayError(409, 'invalid_transition', `A ${session.state.status} session cannot become ${target}`, { Status: `No step leads from ${session.state.status} to ${target}.` }, now(context)),
    );
  }
  if (outcome.status === 'REJECTED') {
    const refused = Object.keys(outcome.refusals).filter((type) => type in IDV_CHECKS_BY_PERSON_TYPE[user.profile.personType]);
    if (refused.length === 0 || refused.length !== Object.keys(outcome.refusals).length) {
      return E.left(paramError({ refusals: `Refuse at least one check, and only checks run for a ${user.profile.personType} user.` }, now(context)));
    }
  }
  const decided = decideSession(context, session.state, {
    type: 'ObserveIdvSession',
    sessionId: session.state.sessionId,
    status: target,
    checks: checksAfter(context, user, session.state, outcome),
  });
  return E.isLeft(decided) ? E.left(sessionRefusal(context, decided.left)) : E.right(decided.right);
};
