import * as t from 'io-ts';
import type { RateLimits } from './rate-limits.js';
import { mangopayError, rateLimited, type Reply } from './simulator-reply.js';

const int = (name: string, min: number, max: number) => t.refinement(t.number, (n) => Number.isInteger(n) && n >= min && n <= max, name);

/** The next `count` API requests answer `status` (a 429 as Mangopay's, its shortest window spent for `resetInSeconds`). */
export const FaultPlan = t.intersection([
  t.type({
    status: t.refinement(t.number, (n) => n === 429 || (Number.isInteger(n) && n >= 500 && n <= 599), 'FaultStatus'),
    count: int('FaultCount', 1, 1000),
  }),
  t.partial({ resetInSeconds: int('ResetInSeconds', 0, 3600) }),
]);
export type FaultPlan = t.TypeOf<typeof FaultPlan>;

/** Lets tests see a client face Mangopay's bad days (5xx, rate limits) over real HTTP. */
export const createFaultInjection = (rateLimits: RateLimits) => {
  let plan: (FaultPlan & { remaining: number }) | undefined;
  return {
    inject: (next: FaultPlan): void => {
      plan = { ...next, remaining: next.count };
    },
    /** The fault to answer instead of the request, if one is planned. */
    next: (nowSeconds: number): Reply | undefined => {
      if (plan === undefined || plan.remaining <= 0) return undefined;
      plan.remaining--;
      if (plan.status !== 429) return mangopayError(plan.status, 'internal_error', 'The simulator was told to fail this request.', null, nowSeconds);
      return rateLimited(rateLimits.spent(nowSeconds, nowSeconds + (plan.resetInSeconds ?? 1)), nowSeconds);
    },
  };
};
