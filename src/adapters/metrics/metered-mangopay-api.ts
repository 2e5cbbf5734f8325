import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import type { KycMetrics } from './kyc-metrics.js';

/**
 * The Mangopay port, counting and timing every call by endpoint (the port's method name: a bounded set, never an
 * id) and outcome (`ok`, or the error type). What the call answers is passed on untouched.
 */
export const meteredMangopayApi = (api: MangopayApi, metrics: KycMetrics): MangopayApi => {
  const metered = (endpoint: string, call: (...args: never[]) => () => Promise<{ readonly _tag: string; readonly left?: { readonly type: string } }>) =>
    (...args: never[]) => {
      const task = call(...args);
      return async () => {
        const end = metrics.mangopayDuration.startTimer({ endpoint });
        let outcome = 'exception';
        try {
          const result = await task();
          outcome = result._tag === 'Left' ? (result.left?.type ?? 'error') : 'ok';
          return result;
        } finally {
          metrics.mangopayCalls.inc({ endpoint, outcome });
          end({ outcome });
        }
      };
    };
  const entries = Object.entries(api).map(([name, value]) => [name, typeof value === 'function' ? metered(name, value.bind(api)) : value]);
  return Object.fromEntries(entries) as unknown as MangopayApi;
};
