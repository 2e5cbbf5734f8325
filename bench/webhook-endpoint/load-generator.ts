/**
 * The load side of bench/webhook-endpoint.bench.ts, in a process of its own so that generating load never
 * competes with the server for its event loop. Every request is a distinct, valid hook (a new inbox entry,
 * never a duplicate). Prints autocannon's figures as one JSON line.
 */
import autocannon from 'autocannon';

interface LoadPlan {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly overallRate?: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const path = new URL(plan.url).pathname;
const prefix = `${process.pid}_${Date.now().toString(36)}`;
let next = 0;

const result = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.seconds,
  timeout: 5,
  ...(plan.overallRate === undefined ? {} : { overallRate: plan.overallRate }),
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: `${path}?EventType=KYC_SUCCEEDED&RessourceId=kyc_${prefix}_${next++}&Date=1767225600`,
      }),
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  })}\n`,
);
