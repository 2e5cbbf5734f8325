import * as t from 'io-ts';
import { mangopayError, type Reply } from './simulator-reply.js';

/** The next `count` API requests answer `status` (429 with x-ratelimit-* headers resetting in `resetInSeconds`). */
export const FaultPlan = t.intersection([
  t.type({
    status: t.refinement(t.number, (n) => n === 429 || (Number.isInteger(n) && n >= 500 && n <= 599), 'FaultStatus'),
    count: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 1000, 'FaultCount'),
  }),
  t.partial({ resetInSeconds: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= 3600, 'ResetInSeconds') }),
]);
export type FaultPlan = t.TypeOf<typeof FaultPlan>;

/** Lets tests see a client face Mangopay's bad days (5xx, rate limits) over real HTTP. */
export const createFaultInjection = () => {
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
      const reset = String(nowSeconds + (plan.resetInSeconds ?? 1));
      const reply = mangopayError(429, 'too_many_requests', 'Too many requests.', null, nowSeconds);
      return { ...reply, headers: { 'x-ratelimit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } };
    },
  };
};
