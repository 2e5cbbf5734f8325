import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { isStarted } from '../../domain/idv-session/index.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import { HttpsUrl } from '../../domain/shared/https-url.js';
import { domainError } from '../../domain/shared/domain-error.js';
import { loadAggregate } from '../command-handling/load-aggregate.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import { idvChecksFromView } from './idv-checks-from-view.js';
import { recordForUser } from './record-for-user.js';
import { unknownAtMangopay, type ReconcileError, type ReconcileOutcome } from './reconcile-errors.js';
import { userProfileFromView } from './user-profile-from-view.js';

/**
 * A hook is a hint: the session and its checks are re-read from Mangopay and go through the transition
 * table. A session started outside this core is taken in as Mangopay shows it, for whatever user Mangopay shows (one
 * the eligibility rule refuses is recorded with the anomaly: Mangopay created the session). An unknown id changes nothing.
 */
export const reconcileIdvSession =
  (deps: KycCoreDependencies) =>
  (sessionId: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> =>
  async () => {
    const viewed = await deps.mangopay.viewIdvSession(sessionId)();
    if (E.isLeft(viewed)) {
      return viewed.left.type === 'RESOURCE_NOT_FOUND' ? E.right(unknownAtMangopay('idv-session', sessionId)) : viewed;
    }
    const view = viewed.right;
    const checks = idvChecksFromView(view.checks);
    if (E.isLeft(checks)) return checks;
    let recorded = 0;

    const local = await loadAggregate(deps)(deps.sessions, sessionId)();
    if (E.isLeft(local)) return local;
    if (!isStarted(local.right.state)) {
      const user = await deps.mangopay.viewUser(view.userId)();
      if (E.isLeft(user)) return user;
      const profile = userProfileFromView(user.right);
      if (!HttpsUrl.is(view.returnUrl)) {
        return E.left({
          ...domainError('MANGOPAY_RESPONSE_INVALID', "Mangopay's session has a ReturnUrl that is not an absolute https URL"),
          status: 200,
          faults: [{ path: 'ReturnUrl', rule: 'HttpsUrl' }],
        });
      }
      const imported = await deps.handle(deps.sessions, sessionId, {
        commandId: `${commandId}:import` as CommandId,
        command: {
          type: 'ImportIdvSession',
          sessionId,
          userId: view.userId,
          user: profile,
          returnUrl: view.returnUrl,
          hostedUrl: view.hostedUrl,
          creationDate: view.creationDate,
          ...(view.tag === null ? {} : { tag: view.tag }),
        },
      })();
      // The platform's own command may have recorded it meanwhile: then there is nothing to import.
      if (E.isLeft(imported) && imported.left.type !== 'IDV_SESSION_ALREADY_STARTED') return imported;
      if (E.isRight(imported)) recorded += imported.right.replayed ? 0 : imported.right.events.length;
    }

    const observed = await deps.handle(deps.sessions, sessionId, {
      commandId: `${commandId}:observe` as CommandId,
      command: { type: 'ObserveIdvSession', sessionId, status: view.status, checks: checks.right },
    })();
    if (E.isLeft(observed)) return observed;
    recorded += observed.right.replayed ? 0 : observed.right.events.length;

    const state = observed.right.state;
    if (isStarted(state)) {
      const forUser = await recordForUser(deps)(
        state.userId,
        { type: 'RecordIdvSessionStatus', userId: state.userId, sessionId, status: state.status },
        `${commandId}:for-user` as CommandId,
      )();
      if (E.isLeft(forUser)) return forUser;
      recorded += forUser.right;
    }
    return E.right({ resource: 'idv-session', id: sessionId, unknownAtMangopay: false, recordedEvents: recorded });
  };
