import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { checkIdvEligibility, type IdvSessionError, type IdvSessionEvent, type IdvSessionState } from '../../domain/idv-session/index.js';
import { CommandId, MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import { HttpsUrl } from '../../domain/shared/https-url.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { Handled } from '../command-handling/command-handler.js';
import { idempotencyKeyFor, type MangopayApiError } from '../ports/mangopay-api.js';
import { userProfileFromView } from '../reconciliation/user-profile-from-view.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';

export const StartIdvSessionRequest = struct(
  'StartIdvSessionRequest',
  { commandId: CommandId, userId: MangopayId, returnUrl: HttpsUrl },
  { tag: Tag },
);
export type StartIdvSessionRequest = t.TypeOf<typeof StartIdvSessionRequest>;

export type StartIdvSessionError = IdvSessionError | MangopayApiError | CommandHandlingError<IdvSessionError>;

/**
 * Reads the user from Mangopay and judges eligibility (Natural, or Legal SOLETRADER/BUSINESS; OWNER) before
 * anything is created; then POST /users/{UserId}/identity-verifications, and the session is recorded.
 */
export const startIdvSession =
  (deps: KycCoreDependencies) =>
  (request: StartIdvSessionRequest): TaskEither<StartIdvSessionError, Handled<IdvSessionEvent, IdvSessionState>> =>
  async () => {
    const viewed = await deps.mangopay.viewUser(request.userId)();
    if (E.isLeft(viewed)) return viewed;
    const eligible = checkIdvEligibility(userProfileFromView(viewed.right));
    if (E.isLeft(eligible)) return eligible;
    const created = await deps.mangopay.createIdvSession(
      { userId: request.userId, returnUrl: request.returnUrl, ...(request.tag === undefined ? {} : { tag: request.tag }) },
      idempotencyKeyFor(request.commandId, 'create-idv-session'),
    )();
    if (E.isLeft(created)) return created;
    const session = created.right;
    // The session's first hook may have been reconciled first: the decider then answers with it, never "already started".
    return deps.handle(deps.sessions, session.id, {
      commandId: request.commandId,
      request,
      command: {
        type: 'StartIdvSession',
        sessionId: session.id,
        userId: request.userId,
        user: eligible.right,
        returnUrl: request.returnUrl,
        hostedUrl: session.hostedUrl,
        creationDate: session.creationDate,
        ...(request.tag === undefined ? {} : { tag: request.tag }),
      },
    })();
  };
