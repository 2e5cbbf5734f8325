import * as E from 'fp-ts/lib/Either.js';
import {
  INBOX_ENTRY_STATUSES,
  type InboxClaim,
  type InboxEntry,
  type InboxEntryStatus,
  type WebhookInbox,
} from '../../../application/ports/webhook-inbox.js';
import { dedupeKeyOf } from '../../shared/webhook-inbox/index.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The inbox in memory, for tests and embedding without a database. Not durable: a process that ends loses
 * what it held, so a service that acknowledges real hooks uses the SQLite or PostgreSQL inbox.
 */
export const createInMemoryWebhookInbox = (): WebhookInbox => {
  // By sequence, in insertion order (which is sequence order); purged entries leave the map, not the count.
  const entries = new Map<number, Mutable<InboxEntry>>();
  let lastSequence = 0;
  // The pending entries no processor has claimed yet, by dedupe key: the only ones a new notification collapses with.
  const unclaimedByKey = new Map<string, number>();
  const find = (sequence: number): Mutable<InboxEntry> | undefined => entries.get(sequence);
  // Entries leave the store as copies, so a caller can never change what the inbox holds.
  const copy = (entry: InboxEntry): InboxEntry => ({ ...entry, notification: { ...entry.notification } });
  const pending = (claim: InboxClaim, change: (entry: Mutable<InboxEntry>) => void) => async () => {
    const entry = find(claim.sequence);
    if (entry?.status === 'pending' && entry.attempts === claim.attempts) change(entry);
    return E.right(undefined);
  };

  return {
    record: (notification, { status, receivedAt }) => async () => {
      const key = dedupeKeyOf(notification);
      if (status === 'pending' && unclaimedByKey.has(key)) return E.right({ kind: 'duplicate' as const });
      const sequence = ++lastSequence;
      entries.set(sequence, {
        sequence,
        notification: { ...notification },
        receivedAt: receivedAt.toISOString(),
        status,
        attempts: 0,
        nextAttemptAt: receivedAt.getTime(),
        lastFailure: null,
        outcome: null,
        settledAt: status === 'ignored' ? receivedAt.toISOString() : null,
      });
      if (status === 'pending') unclaimedByKey.set(key, sequence);
      return E.right({ kind: 'recorded' as const, sequence });
    },
    claimDue: ({ now, leaseUntil, limit }) => async () => {
      const claimed: InboxEntry[] = [];
      for (const entry of entries.values()) {
        if (claimed.length >= limit) break;
        if (entry.status !== 'pending' || entry.nextAttemptAt > now.getTime()) continue;
        entry.attempts++;
        entry.nextAttemptAt = leaseUntil.getTime();
        const key = dedupeKeyOf(entry.notification);
        if (unclaimedByKey.get(key) === entry.sequence) unclaimedByKey.delete(key);
        claimed.push(copy(entry));
      }
      return E.right(claimed);
    },
    renewClaims: (claims, leaseUntil) => async () => {
      const held: number[] = [];
      for (const claim of claims) {
        const entry = find(claim.sequence);
        if (entry?.status !== 'pending' || entry.attempts !== claim.attempts) continue;
        entry.nextAttemptAt = leaseUntil.getTime();
        held.push(claim.sequence);
      }
      return E.right(held);
    },
    markProcessed: (claim, outcome, at) =>
      pending(claim, (entry) => {
        entry.status = 'processed';
        entry.outcome = { ...outcome };
        entry.lastFailure = null;
        entry.settledAt = at.toISOString();
      }),
    scheduleRetry: (claim, failure, nextAttemptAt) =>
      pending(claim, (entry) => {
        entry.lastFailure = { ...failure };
        entry.nextAttemptAt = nextAttemptAt.getTime();
      }),
    park: (claim, failure, at) =>
      pending(claim, (entry) => {
        entry.status = 'parked';
        entry.lastFailure = { ...failure };
        entry.settledAt = at.toISOString();
      }),
    replay: (sequence, at) => async () => {
      const entry = find(sequence);
      if (entry?.status !== 'parked') return E.right(false);
      entry.status = 'pending';
      entry.attempts = 0;
      entry.nextAttemptAt = at.getTime();
      entry.settledAt = null;
      return E.right(true);
    },
    get: (sequence) => async () => {
      const entry = find(sequence);
      return E.right(entry === undefined ? undefined : copy(entry));
    },
    list: ({ status, afterSequence = 0, limit = 100 }) => async () =>
      E.right([...entries.values()].filter((entry) => entry.status === status && entry.sequence > afterSequence).slice(0, limit).map(copy)),
    purgeSettled: ({ settledBefore, limit }) => async () => {
      const before = settledBefore.toISOString();
      const purged = [...entries.values()]
        .filter((entry) => (entry.status === 'processed' || entry.status === 'ignored') && entry.settledAt !== null && entry.settledAt < before)
        .slice(0, limit);
      for (const entry of purged) entries.delete(entry.sequence);
      return E.right(purged.length);
    },
    countByStatus: () => async () => {
      const counts = Object.fromEntries(INBOX_ENTRY_STATUSES.map((status) => [status, 0])) as Record<InboxEntryStatus, number>;
      for (const entry of entries.values()) counts[entry.status]++;
      return E.right(counts);
    },
  };
};
