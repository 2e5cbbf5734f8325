import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Clock } from '../ports/clock.js';
import type { InboxClaim, InboxEntry, InboxFailure, InboxOutcome, WebhookInbox, WebhookInboxUnavailable } from '../ports/webhook-inbox.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { ReconcileError, ReconcileOutcome } from '../reconciliation/reconcile-errors.js';
import { startClaimHeartbeat } from './claim-heartbeat.js';
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
 * Claims hold for a short lease, renewed by a heartbeat while the round works, so a slow Mangopay call keeps
 * its entry and a processor that dies gives its entries back within one lease. An entry is marked processed
 * only after its reconciliation succeeded; a processor that dies in between leaves it claimed, and it comes
 * back when the lease runs out (reprocessing it has the effect of once). A transient failure is retried with
 * backoff; one that keeps failing, or a permanent one, is parked. An entry whose claim was lost to another
 * processor (this one could not renew it in time) is left to that processor.
 */
export const processInbox =
  (deps: InboxProcessingDependencies): TaskEither<WebhookInboxUnavailable, ProcessInboxReport> =>
  async () => {
    const policy: InboxRetryPolicy = { ...DEFAULT_INBOX_RETRY_POLICY, ...deps.policy };
    const now = deps.clock.now();
    const claimed = await deps.inbox.claimDue({ now, leaseUntil: new Date(now.getTime() + policy.leaseMs), limit: policy.batchSize })();
    if (E.isLeft(claimed)) return claimed;
    const counts: Record<EntryResult, number> = { processed: 0, retried: 0, parked: 0 };
    const heartbeat = startClaimHeartbeat(deps, claimed.right, policy);
    try {
      for (const entry of claimed.right) {
        if (!heartbeat.holds(entry.sequence)) continue;
        const settlement = await settlementOf(deps, policy, entry);
        await heartbeat.release(entry.sequence);
        const settled = await settle(deps.inbox, entry, settlement)();
        if (E.isLeft(settled)) return settled;
        counts[settlement.kind]++;
      }
    } finally {
      await heartbeat.stop();
    }
    return E.right({ claimed: claimed.right.length, ...counts });
  };

/** What processing an entry decided, to be recorded on it once its heartbeat is released. */
type Settlement =
  | { readonly kind: 'processed'; readonly outcome: InboxOutcome; readonly at: Date }
  | { readonly kind: 'retried'; readonly failure: InboxFailure; readonly nextAttemptAt: Date }
  | { readonly kind: 'parked'; readonly failure: InboxFailure; readonly at: Date };

const settle = (inbox: WebhookInbox, claim: InboxClaim, settlement: Settlement): TaskEither<WebhookInboxUnavailable, void> => {
  switch (settlement.kind) {
    case 'processed':
      return inbox.markProcessed(claim, settlement.outcome, settlement.at);
    case 'retried':
      return inbox.scheduleRetry(claim, settlement.failure, settlement.nextAttemptAt);
    case 'parked':
      return inbox.park(claim, settlement.failure, settlement.at);
  }
};

const settlementOf = async (deps: InboxProcessingDependencies, policy: InboxRetryPolicy, entry: InboxEntry): Promise<Settlement> => {
  const { notification } = entry;
  const resource = hookResourceOf(notification.eventType);
  if (resource === undefined) {
    // Only an inbox written by a build that knew more event types holds such an entry: set aside, not guessed at.
    return {
      kind: 'parked',
      failure: { type: 'UNKNOWN_EVENT_TYPE', message: 'This build of the core does not act on this event type' },
      at: deps.clock.now(),
    };
  }

  if (entry.attempts > policy.maxAttempts) {
    // Claimed more often than the policy allows, each claim ending without settling the entry (the process died
    // on it, or its lease ran out): set aside for an operator rather than claimed forever.
    return {
      kind: 'parked',
      failure: { type: 'ATTEMPTS_EXHAUSTED', message: 'Claimed more times than the retry policy allows without being settled' },
      at: deps.clock.now(),
    };
  }

  let reconciled: E.Either<ReconcileError, ReconcileOutcome> | undefined;
  try {
    reconciled = await reconcileHookResource(deps.core)(resource, notification.resourceId, commandIdForHook(entry))();
  } catch {
    // No adapter should throw; if one does, this entry is parked and the round goes on with the others.
    reconciled = undefined;
  }
  const at = deps.clock.now();
  if (reconciled !== undefined && E.isRight(reconciled)) {
    const { recordedEvents, unknownAtMangopay } = reconciled.right;
    return { kind: 'processed', outcome: { resource, recordedEvents, unknownAtMangopay }, at };
  }

  const failure: InboxFailure =
    reconciled === undefined ? { type: 'UNEXPECTED_ERROR', message: 'Reconciling this notification threw an exception' } : failureOf(reconciled.left);
  if (reconciled !== undefined && isTransientFailure(failure) && entry.attempts < policy.maxAttempts) {
    const resetAt = reconciled.left.type === 'RATE_LIMITED' ? reconciled.left.resetAt : null;
    return { kind: 'retried', failure, nextAttemptAt: nextAttemptAt(policy, entry.attempts, at, resetAt) };
  }
  return { kind: 'parked', failure, at };
};
