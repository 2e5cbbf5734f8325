import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import type { UserKycCommand } from '../../domain/user-kyc/index.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { ReconcileError } from './reconcile-errors.js';
import { reconcileUser } from './reconcile-user.js';

/**
 * Tells the user's UserKyc stream that one of their documents or sessions reached a status. A user not seen
 * before is read from Mangopay first. Idempotent: a status already counted records nothing.
 */
export const recordForUser =
  (deps: KycCoreDependencies) =>
  (userId: MangopayId, command: UserKycCommand, commandId: CommandId): TaskEither<ReconcileError, number> =>
  async () => {
    let handled = await deps.handle(deps.users, userId, { commandId, command })();
    let registered = 0;
    if (E.isLeft(handled) && handled.left.type === 'USER_NOT_FOUND') {
      const seen = await reconcileUser(deps)(userId, `${commandId}:user` as CommandId)();
      if (E.isLeft(seen)) return seen;
      // The user's registration is recorded on this command's behalf: it counts with what it records.
      registered = seen.right.recordedEvents;
      handled = await deps.handle(deps.users, userId, { commandId, command })();
    }
    return E.map((h: { readonly events: ReadonlyArray<unknown>; readonly replayed: boolean }) => registered + (h.replayed ? 0 : h.events.length))(
      handled,
    );
  };
