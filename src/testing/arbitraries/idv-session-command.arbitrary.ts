import fc from 'fast-check';
import type { IdvSessionCommand, ImportIdvSession, ObserveIdvSession, StartIdvSession } from '../../domain/idv-session/idv-session.commands.js';
import { IDV_SESSION_STATUSES } from '../../domain/idv-session/idv-session.vocabulary.js';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../domain/shared/https-url.js';
import type { UserProfile } from '../../domain/shared/user-profile.js';
import { mangopayIdArbitrary, tagArbitrary, unixTimestampArbitrary } from './identifiers.arbitrary.js';
import { idvChecksArbitrary } from './idv-check.arbitrary.js';
import { observedStatusArbitrary } from './observed-status.arbitrary.js';
import { ruleBreakingIdvChecksArbitrary, type RuleBreakingChecks } from './rule-breaking-idv-checks.arbitrary.js';
import { idvIneligibleProfileArbitrary, type IneligibleProfile } from './user-profile.arbitrary.js';

/** The session the commands are about, and the (eligible) user it is for: the checks Mangopay returns depend on the user's type. */
export interface IdvSessionTarget {
  readonly sessionId: MangopayId;
  readonly user: UserProfile;
}

/** Where Mangopay sends the user back: an absolute https URL. */
export const returnUrlArbitrary: fc.Arbitrary<HttpsUrl> = fc
  .webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true })
  .map((url) => url as HttpsUrl);

const startFor = (sessionId: MangopayId, user: UserProfile): fc.Arbitrary<StartIdvSession> =>
  fc
    .record({
      userId: mangopayIdArbitrary(),
      returnUrl: returnUrlArbitrary,
      hostedUrl: fc.webUrl({ validSchemes: ['https'] }),
      creationDate: unixTimestampArbitrary,
      tag: fc.option(tagArbitrary, { nil: undefined }),
    })
    .map(({ tag, ...fields }) => ({ type: 'StartIdvSession', sessionId, user, ...fields, ...(tag === undefined ? {} : { tag }) }));

export const startIdvSessionArbitrary = ({ sessionId, user }: IdvSessionTarget): fc.Arbitrary<StartIdvSession> => startFor(sessionId, user);

/** A start for a user seed 000 keeps out (PAYER or PLATFORM, ORGANIZATION), with the refusals that fit. */
export const startForIneligibleUserArbitrary = ({ sessionId, user }: IdvSessionTarget): fc.Arbitrary<{ command: StartIdvSession; ineligible: IneligibleProfile }> =>
  idvIneligibleProfileArbitrary(user.personType).chain((ineligible) => startFor(sessionId, ineligible.user).map((command) => ({ command, ineligible })));

/** A session Mangopay shows that this core has not recorded, for the target's user or (as Mangopay may show it) an ineligible one. */
export const importIdvSessionArbitrary = (target: IdvSessionTarget): fc.Arbitrary<{ command: ImportIdvSession; ineligible: IneligibleProfile | undefined }> =>
  fc.oneof(
    startIdvSessionArbitrary(target).map((start) => ({ command: { ...start, type: 'ImportIdvSession' as const }, ineligible: undefined })),
    startForIneligibleUserArbitrary(target).map(({ command, ineligible }) => ({ command: { ...command, type: 'ImportIdvSession' as const }, ineligible })),
  );

/** REVIEW comes often, so runs go through manual review as often as straight to an outcome. */
const STATUS_WEIGHTS = { PENDING: 1, REVIEW: 10, VALIDATED: 2, REJECTED: 3, TIMEOUT: 3, ERROR: 3, OUTDATED: 2 } as const;

/** What Mangopay answers on a re-fetch: any status (some it does not know yet), with checks valid for the user's type or none. */
export const observeIdvSessionArbitrary = ({ sessionId, user }: IdvSessionTarget, unrecognizedWeight = 2): fc.Arbitrary<ObserveIdvSession> =>
  fc
    .record({ status: observedStatusArbitrary(IDV_SESSION_STATUSES, unrecognizedWeight, STATUS_WEIGHTS), checks: fc.option(idvChecksArbitrary(user.personType), { nil: undefined }) })
    .map(({ status, checks }) => ({ type: 'ObserveIdvSession', sessionId, status, ...(checks === undefined ? {} : { checks }) }));

/** An observation whose checks break one of seed 000's rules for the user's type. */
export const observeRuleBreakingChecksArbitrary = ({ sessionId, user }: IdvSessionTarget): fc.Arbitrary<{ command: ObserveIdvSession; broken: RuleBreakingChecks }> =>
  fc
    .tuple(observedStatusArbitrary(IDV_SESSION_STATUSES), ruleBreakingIdvChecksArbitrary(user.personType))
    .map(([status, broken]) => ({ command: { type: 'ObserveIdvSession', sessionId, status, checks: broken.checks }, broken }));

export const validIdvSessionCommandArbitrary = (target: IdvSessionTarget): fc.Arbitrary<IdvSessionCommand> =>
  fc.oneof(startIdvSessionArbitrary(target), observeIdvSessionArbitrary(target));

/** Well-formed commands that break a rule: ineligible users, checks against the glossary, another session's id. */
export const adversarialIdvSessionCommandArbitrary = (target: IdvSessionTarget): fc.Arbitrary<IdvSessionCommand> =>
  fc.oneof(
    startForIneligibleUserArbitrary(target).map(({ command }) => command),
    observeRuleBreakingChecksArbitrary(target).map(({ command }) => command),
    fc
      .tuple(observeIdvSessionArbitrary(target), mangopayIdArbitrary().filter((id) => id !== target.sessionId))
      .map(([command, sessionId]) => ({ ...command, sessionId })),
  );
