import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Clock } from '../ports/clock.js';
import type { InboxEntry, InboxFailure, WebhookInbox, WebhookInboxUnavailable } from '../ports/webhook-inbox.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { ReconcileError, ReconcileOutcome } from '../reconciliation/reconcile-errors.js';
import { commandIdForHook } from './derived-command-id.js';
import { hookResourceOf } from './hook-event-types.js';
import { DEFAULT_INBOX_RETRY_POLICY, isTransientFailure, nextAttemptAt, type InboxRetryPolicy } from './inbox-retry-policy.js';
import { reconcileHookResource } from './reconcile-hook-resource.js';

export interface InboxProcessingDependencies {
  readonly core: KycCoreDependencies;
  readonly inbox: WebhookInbox;
  readonly clock: Clock;
  readonly policy?: Partial<InboxRetryPolicy>;
}

/** What one round did with the entries it claimed. */
export interface ProcessInboxReport {
  readonly claimed: number;
  readonly processed: number;
  readonly retried: number;
  readonly parked: number;
}

type EntryResult = 'processed' | 'retried' | 'parked';

const failureOf = (error: ReconcileError): InboxFailure => ({ type: error.type, message: error.message });

/**
 * One round of the processor: claims the pending notifications that are due (lowest sequence first),
 * re-fetches what each points at from Mangopay and reconciles it under a command id derived from the
 * entry, then records on the entry what it did. Order between entries does not matter for correctness:
 * each re-fetch reads Mangopay's current truth, and a stale one records nothing.
 *
 * An entry is marked processed only after its reconciliation succeeded; a processor that dies in between
 * leaves it claimed, and it comes back when the claim's lease runs out (reprocessing it has the effect of
 * once). A transient failure is retried with backoff; one that keeps failing, or a permanent one, is parked.
 */
export const processInbox =
  (deps: InboxProcessingDependencies): TaskEither<WebhookInboxUnavailable, ProcessInboxReport> =>
  async () => {
    const policy: InboxRetryPolicy = { ...DEFAULT_INBOX_RETRY_POLICY, ...deps.policy };
    const now = deps.clock.now();
    const claimed = await deps.inbox.claimDue({ now, leaseUntil: new Date(now.getTime() + policy.leaseMs), limit: policy.batchSize })();
    if (E.isLeft(claimed)) return claimed;
    const counts: Record<EntryResult, number> = { processed: 0, retried: 0, parked: 0 };
    for (const entry of claimed.right) {
      const result = await processEntry(deps, policy, entry);
      if (E.isLeft(result)) return result;
      counts[result.right]++;
    }
    return E.right({ claimed: claimed.right.length, ...counts });
  };

const processEntry = async (
  deps: InboxProcessingDependencies,
  policy: InboxRetryPolicy,
  entry: InboxEntry,
): Promise<E.Either<WebhookInboxUnavailable, EntryResult>> => {
  const { notification } = entry;
  const resource = hookResourceOf(notification.eventType);
  if (resource === undefined) {
    // Only an inbox written by a build that knew more event types holds such an entry: set aside, not guessed at.
    const parked = await deps.inbox.park(
      entry,
      { type: 'UNKNOWN_EVENT_TYPE', message: 'This build of the core does not act on this event type' },
      deps.clock.now(),
    )();
    return E.map(() => 'parked' as const)(parked);
  }

  if (entry.attempts > policy.maxAttempts) {
    // Claimed more often than the policy allows, each claim ending without settling the entry (the process died
    // on it, or its lease ran out): set aside for an operator rather than claimed forever.
    const parked = await deps.inbox.park(
      entry,
      { type: 'ATTEMPTS_EXHAUSTED', message: 'Claimed more times than the retry policy allows without being settled' },
      deps.clock.now(),
    )();
    return E.map(() => 'parked' as const)(parked);
  }

  let reconciled: E.Either<ReconcileError, ReconcileOutcome> | undefined;
  try {
    reconciled = await reconcileHookResource(deps.core)(resource, notification.resourceId, commandIdForHook(notification))();
  } catch {
    // No adapter should throw; if one does, this entry is parked and the round goes on with the others.
    reconciled = undefined;
  }
  const at = deps.clock.now();
  if (reconciled !== undefined && E.isRight(reconciled)) {
    const { recordedEvents, unknownAtMangopay } = reconciled.right;
    const marked = await deps.inbox.markProcessed(entry, { resource, recordedEvents, unknownAtMangopay }, at)();
    return E.map(() => 'processed' as const)(marked);
  }

  const failure: InboxFailure =
    reconciled === undefined ? { type: 'UNEXPECTED_ERROR', message: 'Reconciling this notification threw an exception' } : failureOf(reconciled.left);
  if (reconciled !== undefined && isTransientFailure(failure) && entry.attempts < policy.maxAttempts) {
    const resetAt = reconciled.left.type === 'RATE_LIMITED' ? reconciled.left.resetAt : null;
    const retry = await deps.inbox.scheduleRetry(entry, failure, nextAttemptAt(policy, entry.attempts, at, resetAt))();
    return E.map(() => 'retried' as const)(retry);
  }
  const parked = await deps.inbox.park(entry, failure, at)();
  return E.map(() => 'parked' as const)(parked);
};
