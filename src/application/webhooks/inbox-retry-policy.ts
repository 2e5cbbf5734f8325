import type { InboxFailure } from '../ports/webhook-inbox.js';

/** How the processor paces itself and how long it keeps trying one notification before parking it. */
export interface InboxRetryPolicy {
  /** Attempts (claims) before a notification that keeps failing transiently is parked. Default 8. */
  readonly maxAttempts: number;
  /** Delay before the 2nd attempt, doubled for each further one (with jitter). Default 1 s. */
  readonly baseDelayMs: number;
  /** Largest delay between attempts. Default 5 min. */
  readonly maxDelayMs: number;
  /**
   * How long a claim holds an entry unless renewed: a processor that dies gives its entries back after at most
   * this. Default 15 s. Kept short: the processor renews its claims while it works (see `renewEveryMs`).
   */
  readonly leaseMs: number;
  /** How often a working processor renews the leases of the claims it holds. Default 5 s (a third of the lease). */
  readonly renewEveryMs: number;
  /** Entries claimed per round. Default 20. */
  readonly batchSize: number;
  readonly random: () => number;
}

export const DEFAULT_INBOX_RETRY_POLICY: InboxRetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 15_000,
  renewEveryMs: 5_000,
  batchSize: 20,
  random: Math.random,
};

/**
 * Failures that say nothing about the notification itself: Mangopay or the store was down or busy, or the
 * stream kept changing under us. Anything else (an answer the core cannot read, refused credentials, a
 * stored event that no longer decodes, a domain refusal) will fail the same way again: parked at once.
 */
const TRANSIENT: ReadonlySet<string> = new Set([
  'MANGOPAY_UNAVAILABLE',
  'RATE_LIMITED',
  'EVENT_STORE_UNAVAILABLE',
  'CONCURRENCY_RETRIES_EXHAUSTED',
]);

export const isTransientFailure = (failure: InboxFailure): boolean => TRANSIENT.has(failure.type);

/**
 * When attempt `attempts + 1` may run: exponential backoff with "equal jitter" (half fixed, half random) so
 * retries of many notifications spread out, and never before a rate limit's reset when Mangopay gave one.
 */
export const nextAttemptAt = (policy: InboxRetryPolicy, attempts: number, now: Date, rateLimitResetAt?: number | null): Date => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const delay = ceiling / 2 + policy.random() * (ceiling / 2);
  const backoff = now.getTime() + Math.round(delay);
  const reset = rateLimitResetAt === undefined || rateLimitResetAt === null ? 0 : rateLimitResetAt * 1000;
  return new Date(Math.max(backoff, reset));
};
