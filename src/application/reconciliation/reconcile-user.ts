import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import { unknownAtMangopay, type ReconcileError, type ReconcileOutcome } from './reconcile-errors.js';
import { userProfileFromView } from './user-profile-from-view.js';

/** USER_KYC_REGULAR / USER_KYC_LIGHT, or first sight of a user: the user as Mangopay has it now. */
export const reconcileUser =
  (deps: KycCoreDependencies) =>
  (userId: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> =>
  async () => {
    const viewed = await deps.mangopay.viewUser(userId)();
    if (E.isLeft(viewed)) {
      return viewed.left.type === 'RESOURCE_NOT_FOUND' ? E.right(unknownAtMangopay('user', userId)) : viewed;
    }
    const handled = await deps.handle(deps.users, userId, {
      commandId,
      command: { type: 'ObserveUser', userId, user: userProfileFromView(viewed.right), kycLevel: viewed.right.kycLevel },
    })();
    return E.map((h: { readonly events: ReadonlyArray<unknown>; readonly replayed: boolean }) => ({
      resource: 'user' as const,
      id: userId,
      unknownAtMangopay: false,
      recordedEvents: h.replayed ? 0 : h.events.length,
    }))(handled);
  };
