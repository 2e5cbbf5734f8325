import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import { unixTimestamp } from '../../domain/shared/unix-timestamp.js';
import {
  DEFAULT_RETENTION_YEARS,
  ErasureReason,
  OperatorId,
  type PersonalDataErasure,
  type UserKycError,
} from '../../domain/user-kyc/index.js';
import type { UserKycAggregate } from '../aggregates.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { CommandHandler } from '../command-handling/command-handler.js';
import type { Clock } from '../ports/clock.js';
import type { ReadError } from '../ports/event-store.js';
import type { KeyDestruction, PersonalDataKeysUnavailable } from '../ports/personal-data-key-store.js';
import type { PersonalDataVault } from '../ports/personal-data-vault.js';
import type { LastActivityOf } from './last-activity.js';

export const ErasureRequest = struct(
  'ErasureRequest',
  { commandId: CommandId, userId: MangopayId, erasedBy: OperatorId, reason: ErasureReason },
  // unknownUser: erase even though no event names this user (a mistyped id would otherwise create a stream for no one).
  { force: t.boolean, unknownUser: t.boolean },
);
export type ErasureRequest = t.TypeOf<typeof ErasureRequest>;

export interface ErasureDependencies {
  readonly handle: CommandHandler;
  readonly users: UserKycAggregate;
  readonly vault: PersonalDataVault;
  readonly clock: Clock;
  readonly lastActivityOf: LastActivityOf;
  /** How long after the last activity personal data must be kept. Default 5 years (anti-money-laundering). */
  readonly retentionYears?: number;
}

export interface ErasureOutcome {
  readonly userId: string;
  /** The erasure as the user's stream holds it: recorded now, or by an earlier run of this or another request. */
  readonly erasure: PersonalDataErasure | undefined;
  /** True when this run recorded it; false when it was already recorded. */
  readonly recordedNow: boolean;
  readonly key: KeyDestruction;
}

/** The command id named an earlier, different command of the user's stream: nothing was erased, no key destroyed. */
export interface ErasureNotRecorded {
  readonly type: 'ERASURE_NOT_RECORDED';
  readonly message: string;
}

/** No event names this user: most likely a mistyped id. Nothing was recorded. */
export interface ErasureOfUnknownUser {
  readonly type: 'USER_UNKNOWN';
  readonly message: string;
}

export type ErasureError =
  | UserKycError
  | CommandHandlingError<UserKycError>
  | ReadError
  | PersonalDataKeysUnavailable
  | ErasureNotRecorded
  | ErasureOfUnknownUser;

/**
 * Erases a user's personal data: the retention rule is judged by the UserKyc decider (refused before the
 * end of retention unless forced), the erasure is recorded in the user's stream, and only then is the key
 * destroyed, so the log never lacks the record of an erasure that happened. Running it again (after a
 * crash between the two) finishes the job: the record is kept once and the key destruction is idempotent.
 */
export const erasePersonalData =
  (deps: ErasureDependencies) =>
  (request: ErasureRequest): TaskEither<ErasureError, ErasureOutcome> =>
  async () => {
    const lastActivity = await deps.lastActivityOf(request.userId)();
    if (E.isLeft(lastActivity)) return lastActivity;
    if (lastActivity.right === undefined && request.unknownUser !== true) {
      return E.left({
        type: 'USER_UNKNOWN',
        message: `No event names user ${request.userId}: check the id (nothing was recorded), or confirm that this id must be erased anyway`,
      });
    }
    const now = deps.clock.now();
    const handled = await deps.handle(deps.users, request.userId, {
      commandId: request.commandId,
      request,
      command: {
        type: 'ErasePersonalData',
        userId: request.userId,
        requestedAt: unixTimestamp(Math.floor(now.getTime() / 1000)),
        erasedBy: request.erasedBy,
        reason: request.reason,
        forced: request.force === true,
        retentionYears: deps.retentionYears ?? DEFAULT_RETENTION_YEARS,
        ...(lastActivity.right === undefined ? {} : { lastActivityAt: unixTimestamp(Math.floor(lastActivity.right.getTime() / 1000)) }),
      },
    })();
    if (E.isLeft(handled)) return handled;
    // A key is destroyed only once the stream holds the erasure: never without its record.
    if (handled.right.state.erasure === undefined) {
      return E.left({
        type: 'ERASURE_NOT_RECORDED',
        message: "The user's stream holds no erasure after this request (its command id names an earlier, different command): no key was destroyed",
      });
    }
    const key = await deps.vault.eraseSubject(request.userId, now)();
    if (E.isLeft(key)) return key;
    return E.right({
      userId: request.userId,
      erasure: handled.right.state.erasure,
      recordedNow: handled.right.events.length > 0 && !handled.right.replayed,
      key: {
        outcome: key.right.outcome,
        storageScrubbed: key.right.storageScrubbed,
        ...(key.right.pendingScrub === undefined ? {} : { pendingScrub: key.right.pendingScrub }),
      },
    });
  };
