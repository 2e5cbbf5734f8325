import * as E from 'fp-ts/lib/Either.js';
import type { Clock } from '../ports/clock.js';
import type { InboxClaim, WebhookInbox } from '../ports/webhook-inbox.js';

export interface ClaimHeartbeat {
  /** False once a renewal found the claim taken by another processor (this one was too slow to renew it in time). */
  readonly holds: (sequence: number) => boolean;
  /**
   * Stops renewing one claim and resolves once no renewal is in flight: a renewal landing after the claim's
   * settlement would move a retry's due time to the lease's end.
   */
  readonly release: (sequence: number) => Promise<void>;
  /** Stops renewing every claim (same guarantee as `release`). */
  readonly stop: () => Promise<void>;
}

/**
 * Keeps the short leases of the claims of one round alive while the processor works on them, so a slow
 * Mangopay call keeps its entry, and a processor that dies loses its entries within one lease. One renewal
 * at a time, for every claim not yet released; an unreachable inbox is tried again at the next beat.
 */
export const startClaimHeartbeat = (
  deps: { readonly inbox: WebhookInbox; readonly clock: Clock },
  claims: ReadonlyArray<InboxClaim>,
  timing: { readonly leaseMs: number; readonly renewEveryMs: number },
): ClaimHeartbeat => {
  const held = new Map(claims.map((claim) => [claim.sequence, { sequence: claim.sequence, attempts: claim.attempts }]));
  const lost = new Set<number>();
  let inFlight: Promise<void> | undefined;

  const renew = async (batch: ReadonlyArray<InboxClaim>): Promise<void> => {
    const leaseUntil = new Date(deps.clock.now().getTime() + timing.leaseMs);
    let renewed: E.Either<unknown, ReadonlyArray<number>>;
    try {
      renewed = await deps.inbox.renewClaims(batch, leaseUntil)();
    } catch (error) {
      // No adapter should throw; if one does, this beat is lost like an unreachable inbox's.
      renewed = E.left(error);
    }
    if (E.isLeft(renewed)) return;
    const still = new Set(renewed.right);
    for (const claim of batch) {
      if (still.has(claim.sequence) || !held.has(claim.sequence)) continue;
      held.delete(claim.sequence);
      lost.add(claim.sequence);
    }
  };

  const beat = (): void => {
    if (inFlight !== undefined || held.size === 0) return;
    inFlight = renew([...held.values()]).finally(() => {
      inFlight = undefined;
    });
  };
  const timer = setInterval(beat, timing.renewEveryMs);
  // The work the heartbeat guards keeps the process alive, not the heartbeat itself.
  timer.unref();

  return {
    holds: (sequence) => !lost.has(sequence),
    release: async (sequence) => {
      held.delete(sequence);
      await inFlight;
    },
    stop: async () => {
      clearInterval(timer);
      held.clear();
      await inFlight;
    },
  };
};
