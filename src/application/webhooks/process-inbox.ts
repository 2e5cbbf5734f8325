import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { streamNameOf } from '../command-handling/aggregate.js';
import type { Clock } from '../ports/clock.js';
import type { InboxClaim, InboxEntry, InboxFailure, InboxOutcome, WebhookInbox, WebhookInboxUnavailable } from '../ports/webhook-inbox.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { ReconcileError, ReconcileOutcome } from '../reconciliation/reconcile-errors.js';
import { startClaimHeartbeat } from './claim-heartbeat.js';
import { commandIdForHooks } from './derived-command-id.js';
import { hookResourceOf, type HookResource } from './hook-event-types.js';
import { DEFAULT_INBOX_RETRY_POLICY, isTransientFailure, nextAttemptAt, type InboxRetryPolicy } from './inbox-retry-policy.js';
import { reconcileHookResource } from './reconcile-hook-resource.js';
import type { RefetchBudget } from './refetch-budget.js';
import { groupByResource, type ResourceGroup } from './resource-groups.js';
import type { UnknownIds } from './unknown-ids.js';

export interface InboxProcessingDependencies {
  readonly core: KycCoreDependencies;
  readonly inbox: WebhookInbox;
  readonly clock: Clock;
  readonly policy?: Partial<InboxRetryPolicy>;
  /** The share of Mangopay's rate limit re-fetches may spend; absent: unbounded. */
  readonly budget?: RefetchBudget;
  /** Ids Mangopay answered it does not know, not asked again for a while; absent: every hook is re-fetched. */
  readonly unknownIds?: UnknownIds;
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
 * re-fetches what they point at from Mangopay and reconciles it under a command id derived from the
 * entries, then records on each entry what it did. Entries naming the same resource share one re-fetch. With a
 * budget, re-fetches spend a bounded share of Mangopay's rate limit, resources the store already holds first:
 * one refused a call is retried at a later slot. With a negative cache, an id Mangopay said it does not know
 * (and the store never held) is not asked about again for a while. Order between entries does not matter for correctness:
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
    const record = async (entry: InboxEntry, settlement: Settlement): Promise<E.Either<WebhookInboxUnavailable, void>> => {
      await heartbeat.release(entry.sequence);
      const settled = await settle(deps.inbox, entry, settlement)();
      if (E.isRight(settled)) counts[settlement.kind]++;
      return settled;
    };
    try {
      const grouped = groupByResource(claimed.right, hookResourceOf);
      for (const entry of grouped.unknownEventType) {
        // Only an inbox written by a build that knew more event types holds such an entry: set aside, not guessed at.
        const settled = await record(entry, {
          kind: 'parked',
          failure: { type: 'UNKNOWN_EVENT_TYPE', message: 'This build of the core does not act on this event type' },
          at: deps.clock.now(),
        });
        if (E.isLeft(settled)) return settled;
      }
      for (const group of await inPriorityOrder(deps, grouped.groups)) {
        const held = group.entries.filter((entry) => heartbeat.holds(entry.sequence));
        const exhausted = held.filter((entry) => entry.attempts > policy.maxAttempts);
        const live = held.filter((entry) => entry.attempts <= policy.maxAttempts);
        for (const entry of exhausted) {
          // Claimed more often than the policy allows, each claim ending without settling the entry (the process died
          // on it, or its lease ran out): set aside for an operator rather than claimed forever.
          const settled = await record(entry, {
            kind: 'parked',
            failure: { type: 'ATTEMPTS_EXHAUSTED', message: 'Claimed more times than the retry policy allows without being settled' },
            at: deps.clock.now(),
          });
          if (E.isLeft(settled)) return settled;
        }
        if (live.length === 0) continue;
        const refetched = await refetch(deps, group, live);
        for (const entry of live) {
          const settled = await record(entry, settlementOf(policy, group.resource, entry, refetched, deps.clock.now()));
          if (E.isLeft(settled)) return settled;
        }
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

/** A group whose resource this core already holds: its re-fetch goes first, from the budget's reserve if need be. */
type PlacedGroup = ResourceGroup & { readonly knownHere: boolean };

/**
 * The stream a resource's id names. A UBO declaration has no stream of its own (it is recorded in its user's, whose
 * id the hook does not carry): its group always counts as not known here, so it waits behind known resources only
 * when a re-fetch budget is short, and an id Mangopay does not know is remembered by the negative cache.
 */
const aggregateOf = (core: KycCoreDependencies, resource: HookResource): { readonly name: string } =>
  resource === 'kyc-document' ? core.documents : resource === 'idv-session' ? core.sessions : core.users;

/**
 * Groups about resources the store holds first, the others after (stable within each): an invented id cannot
 * make a genuine hook wait. Only asked when a budget or a negative cache is in use; a store that cannot answer
 * counts the resource as known (reconciling it will meet the same store and retry).
 */
const inPriorityOrder = async (deps: InboxProcessingDependencies, groups: ReadonlyArray<ResourceGroup>): Promise<ReadonlyArray<PlacedGroup>> => {
  if (deps.budget === undefined && deps.unknownIds === undefined) return groups.map((group) => ({ ...group, knownHere: true }));
  const placed: PlacedGroup[] = [];
  for (const group of groups) {
    const stream = await deps.core.store.readStream(streamNameOf(aggregateOf(deps.core, group.resource), group.id))();
    placed.push({ ...group, knownHere: E.isLeft(stream) || stream.right.streamVersion > 0 });
  }
  return [...placed.filter((group) => group.knownHere), ...placed.filter((group) => !group.knownHere)];
};

/** What one re-fetch for a group came to, shared by all its entries. */
type Refetched =
  | { readonly kind: 'reconciled'; readonly outcome: ReconcileOutcome }
  | { readonly kind: 'failed'; readonly error: ReconcileError }
  | { readonly kind: 'threw' }
  | { readonly kind: 'deferred'; readonly until: Date };

const BUDGET_SPENT: InboxFailure = {
  type: 'REFETCH_BUDGET_SPENT',
  message: "The share of Mangopay's rate limit kept for re-fetches was spent; tried again later",
};

/** One Mangopay view for every entry of the group: answered from the negative cache, deferred by the budget, or fetched. */
const refetch = async (deps: InboxProcessingDependencies, group: PlacedGroup, entries: ReadonlyArray<InboxEntry>): Promise<Refetched> => {
  if (!group.knownHere && deps.unknownIds?.has(group.resource, group.id) === true) {
    return { kind: 'reconciled', outcome: { resource: group.resource, id: group.id, unknownAtMangopay: true, recordedEvents: 0 } };
  }
  const lane = group.knownHere ? 'known' : 'background';
  if (deps.budget !== undefined && !deps.budget.tryTake(lane)) return { kind: 'deferred', until: deps.budget.nextSlot(lane) };
  let reconciled: E.Either<ReconcileError, ReconcileOutcome>;
  try {
    reconciled = await reconcileHookResource(deps.core)(group.resource, group.id, commandIdForHooks(entries))();
  } catch {
    // No adapter should throw; if one does, these entries are parked and the round goes on with the others.
    return { kind: 'threw' };
  }
  if (E.isLeft(reconciled)) return { kind: 'failed', error: reconciled.left };
  // Only an id nobody here has seen is remembered: a known one is always asked again.
  if (reconciled.right.unknownAtMangopay && !group.knownHere) deps.unknownIds?.remember(group.resource, group.id);
  return { kind: 'reconciled', outcome: reconciled.right };
};

const settlementOf = (policy: InboxRetryPolicy, resource: HookResource, entry: InboxEntry, refetched: Refetched, at: Date): Settlement => {
  switch (refetched.kind) {
    case 'reconciled': {
      const { recordedEvents, unknownAtMangopay } = refetched.outcome;
      return { kind: 'processed', outcome: { resource, recordedEvents, unknownAtMangopay }, at };
    }
    case 'threw':
      return { kind: 'parked', failure: { type: 'UNEXPECTED_ERROR', message: 'Reconciling this notification threw an exception' }, at };
    case 'deferred':
      return entry.attempts < policy.maxAttempts
        ? { kind: 'retried', failure: BUDGET_SPENT, nextAttemptAt: refetched.until }
        : { kind: 'parked', failure: BUDGET_SPENT, at };
    case 'failed': {
      const failure = failureOf(refetched.error);
      if (isTransientFailure(failure) && entry.attempts < policy.maxAttempts) {
        const resetAt = refetched.error.type === 'RATE_LIMITED' ? refetched.error.resetAt : null;
        return { kind: 'retried', failure, nextAttemptAt: nextAttemptAt(policy, entry.attempts, at, resetAt) };
      }
      return { kind: 'parked', failure, at };
    }
  }
};
