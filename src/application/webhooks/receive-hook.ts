import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { decodeWith, type InvalidInput } from '../../domain/shared/invalid-input.js';
import type { Clock } from '../ports/clock.js';
import type { WebhookInbox, WebhookInboxUnavailable } from '../ports/webhook-inbox.js';
import { hookResourceOf } from './hook-event-types.js';
import { HookQuery } from './hook-query.js';

export interface ReceiveHookDependencies {
  readonly inbox: WebhookInbox;
  readonly clock: Clock;
  /** Called after a new pending entry is recorded, e.g. to wake the processor. */
  readonly onRecorded?: () => void;
}

/** What happened to a valid notification. Every kind is acknowledged with a 200. */
export interface HookReceipt {
  /** `pending` for an event type this core acts on, `ignored` for any other. */
  readonly disposition: 'pending' | 'ignored';
  /** True when an equal (EventType, RessourceId, Date) was waiting in the inbox, not yet claimed: nothing new was recorded. */
  readonly duplicate: boolean;
}

export type ReceiveHookError = InvalidInput | WebhookInboxUnavailable;

const decodeHookQuery = decodeWith(HookQuery, 'hook notification');

/**
 * Takes in one hook notification: validates the query, records it durably in the inbox (collapsed with an equal one still waiting),
 * and does nothing else, so the endpoint answers well within Mangopay's 2 s. An unknown event type is
 * recorded as ignored, so it is acknowledged and Mangopay stops retrying it. The resource is re-fetched
 * later by the processor: the notification itself is never trusted.
 */
export const receiveHook =
  (deps: ReceiveHookDependencies) =>
  (query: unknown): TaskEither<ReceiveHookError, HookReceipt> =>
  async () => {
    const decoded = decodeHookQuery(query);
    if (E.isLeft(decoded)) return decoded;
    const { EventType, RessourceId, Date: date } = decoded.right;
    const disposition = hookResourceOf(EventType) === undefined ? 'ignored' : 'pending';
    const recorded = await deps.inbox.record(
      { eventType: EventType, resourceId: RessourceId, date },
      { status: disposition, receivedAt: deps.clock.now() },
    )();
    if (E.isLeft(recorded)) return recorded;
    const duplicate = recorded.right.kind === 'duplicate';
    if (!duplicate && disposition === 'pending') deps.onRecorded?.();
    return E.right({ disposition, duplicate });
  };
