import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Clock } from '../ports/clock.js';
import type { InboxEntry, WebhookInbox, WebhookInboxUnavailable } from '../ports/webhook-inbox.js';

/** Notifications set aside after failing for good or too often: what an operator looks at before replaying. */
export const listParkedHooks =
  (inbox: WebhookInbox) =>
  (paging: { readonly afterSequence?: number; readonly limit?: number } = {}): TaskEither<WebhookInboxUnavailable, ReadonlyArray<InboxEntry>> =>
    inbox.list({ status: 'parked', ...paging });

export interface ParkedHookNotFound {
  readonly type: 'PARKED_HOOK_NOT_FOUND';
  readonly message: string;
  readonly sequence: number;
}

/**
 * Puts a parked notification back in line, due now, with a fresh attempt budget (after the cause was fixed,
 * e.g. credentials renewed). Its command id is unchanged, so steps already recorded are not recorded again.
 */
export const replayParkedHook =
  (deps: { readonly inbox: WebhookInbox; readonly clock: Clock; readonly onRecorded?: () => void }) =>
  (sequence: number): TaskEither<WebhookInboxUnavailable | ParkedHookNotFound, void> =>
  async () => {
    const replayed = await deps.inbox.replay(sequence, deps.clock.now())();
    if (E.isLeft(replayed)) return replayed;
    if (!replayed.right) {
      return E.left({ type: 'PARKED_HOOK_NOT_FOUND', message: `No parked notification has sequence ${sequence}`, sequence });
    }
    deps.onRecorded?.();
    return E.right(undefined);
  };
