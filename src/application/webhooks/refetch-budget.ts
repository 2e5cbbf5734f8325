import type { Clock } from '../ports/clock.js';

/**
 * Who asks for a background call to Mangopay: `known`, a hook about a resource this core already holds (the
 * platform's own documents and sessions), or `background`, anything else (an id not known here, which a forger
 * can make up by the thousand, and the periodic sweep).
 */
export type RefetchLane = 'known' | 'background';

export interface RefetchBudget {
  /** Takes one call now if the lane may: `known` down to the last one, `background` only above the reserve. */
  readonly tryTake: (lane: RefetchLane) => boolean;
  /**
   * When a call refused now is worth asking for again: for `known`, when the next call is refilled; for
   * `background`, the next slot at the refill rate not yet promised to another refused call, so deferred
   * work comes back spread out instead of all at once.
   */
  readonly nextSlot: (lane: RefetchLane) => Date;
}

export interface RefetchBudgetOptions {
  /** Calls refilled per minute: the most the background spends at length. */
  readonly perMinute: number;
  /** Calls that may go at once after a quiet spell. Default: a tenth of a minute's, at least 4. */
  readonly burst?: number;
  /** Calls `background` may not take, so a hook about a known resource always finds one. Default: half the burst. */
  readonly reservedForKnown?: number;
}

/**
 * A token bucket for the calls the core makes to Mangopay on its own (hook re-fetches, the sweep), apart from
 * the platform's commands, which never wait on it: Mangopay's rate limit is shared by every call of a client,
 * so background work gets a bounded share and the platform keeps the rest. Time comes from the clock given.
 */
export const createRefetchBudget = (clock: Clock, options: RefetchBudgetOptions): RefetchBudget => {
  const perMs = options.perMinute / 60_000;
  const burst = Math.max(1, options.burst ?? Math.max(4, Math.ceil(options.perMinute / 10)));
  const reserve = Math.min(burst - 1, options.reservedForKnown ?? Math.floor(burst / 2));
  const intervalMs = 1 / perMs;
  let tokens = burst;
  let refilledAt = clock.now().getTime();
  let lastSlot = Number.NEGATIVE_INFINITY;

  const refill = (): number => {
    const now = clock.now().getTime();
    tokens = Math.min(burst, tokens + Math.max(0, now - refilledAt) * perMs);
    refilledAt = now;
    return now;
  };

  return {
    tryTake: (lane) => {
      refill();
      const floor = lane === 'known' ? 0 : reserve;
      if (tokens < floor + 1) return false;
      tokens -= 1;
      return true;
    },
    nextSlot: (lane) => {
      const now = refill();
      if (lane === 'known') return new Date(now + Math.ceil(Math.max(0, 1 - tokens) / perMs));
      lastSlot = Math.max(now, lastSlot) + intervalMs;
      return new Date(Math.ceil(lastSlot));
    },
  };
};
