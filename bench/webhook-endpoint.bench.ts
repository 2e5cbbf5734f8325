/**
 * `npm run bench webhook-endpoint`: Mangopay's hook endpoint under load, with the SQLite and the PostgreSQL
 * inbox, beside a bare node HTTP handler that does no work (the ceiling of node's HTTP stack on this
 * machine; target ≥ 0.3 of its throughput). Load comes from autocannon in a separate process, over
 * 127.0.0.1; every request is a distinct valid hook, so every 200 is a durable insert. Two workloads:
 * saturation (as many as it takes) and a fixed 1,000 requests per second (target p99 < 50 ms).
 */
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { systemClock } from '../src/adapters/clock/index.js';
import { createPostgresWebhookInbox } from '../src/adapters/postgres/index.js';
import { createSqliteWebhookInbox } from '../src/adapters/sqlite/index.js';
import { createWebhookEndpoint, startWebhookHttpServer } from '../src/adapters/webhook-endpoint/index.js';
import type { WebhookInbox } from '../src/application/ports/webhook-inbox.js';
import { receiveHook } from '../src/application/webhooks/index.js';
import { comparisonTable, type Measurement } from './lib/measure.js';

const SECONDS = Number(process.env['KYC_BENCH_SECONDS'] ?? 8);
const SATURATING_CONNECTIONS = 64;
const FIXED_RATE = 1_000;
const FIXED_RATE_CONNECTIONS = 32;
const P99_TARGET_MS = 50;

const here = dirname(fileURLToPath(import.meta.url));
const adminUrl = process.env['KYC_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `kyc_bench_webhooks_${process.pid}`;
const benchUrl = `${adminUrl.replace(/\/[^/?]*(\?.*)?$/, '')}/${database}`;

interface Subject {
  readonly name: string;
  readonly url: string;
  /** Entries in its inbox, to check every 200 was a recorded hook. */
  readonly recorded?: () => Promise<number>;
  readonly close: () => Promise<void>;
}

interface LoadResult {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Runs autocannon in its own process against `url` and returns its figures. */
const load = (plan: { readonly url: string; readonly connections: number; readonly seconds: number; readonly overallRate?: number }): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'webhook-endpoint', 'load-generator.ts'), JSON.stringify(plan)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });

const measurement = (name: string, result: LoadResult): Measurement => ({
  name,
  operations: result.ok,
  seconds: result.seconds,
  opsPerSecond: result.ok / result.seconds,
  p50Ms: result.p50Ms,
  p99Ms: result.p99Ms,
});

const opened = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

const pendingIn = (inbox: WebhookInbox) => async (): Promise<number> => opened(await inbox.countByStatus()()).pending;

const bareSubject = async (): Promise<Subject> => {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end('{"received":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name: 'bare node http handler',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mangopay`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

const endpointSubject = async (name: string, inbox: WebhookInbox, release: () => Promise<void>): Promise<Subject> => {
  const server = await startWebhookHttpServer(createWebhookEndpoint({ receive: receiveHook({ inbox, clock: systemClock }) }), { path: '/hooks/mangopay' });
  return {
    name,
    url: server.url,
    recorded: pendingIn(inbox),
    close: async () => {
      await server.close();
      await release();
    },
  };
};

const directory = mkdtempSync(join(tmpdir(), 'kyc-core-bench-webhooks-'));
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const pool = new pg.Pool({ connectionString: benchUrl, max: 10 });
pool.on('error', () => undefined);
const subjects: Subject[] = [];
try {
  const sqlite = new Database(join(directory, 'inbox.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  subjects.push(await bareSubject());
  subjects.push(await endpointSubject('endpoint + SQLite inbox', opened(createSqliteWebhookInbox(sqlite)), async () => { sqlite.close(); }));
  subjects.push(await endpointSubject('endpoint + PostgreSQL inbox', opened(await createPostgresWebhookInbox({ pool, schema: 'kyc_webhooks' })()), async () => undefined));

  console.log(
    `Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}); ${SECONDS} s per run; server and load generator in separate processes.`,
  );
  const acknowledged = subjects.map(() => 0);
  const best = (previous: Measurement | undefined, next: Measurement, better: (a: Measurement, b: Measurement) => boolean) =>
    previous === undefined || better(next, previous) ? next : previous;
  const saturated: Array<Measurement | undefined> = subjects.map(() => undefined);
  const paced: Array<Measurement | undefined> = subjects.map(() => undefined);
  const failures: string[] = [];
  const record = (index: number, result: LoadResult, what: string) => {
    acknowledged[index] = (acknowledged[index] ?? 0) + result.ok;
    if (result.non2xx + result.errors + result.timeouts > 0) {
      failures.push(`${subjects[index]?.name} (${what}): ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    }
  };

  for (const [index, subject] of subjects.entries()) record(index, await load({ url: subject.url, connections: 16, seconds: 2 }), 'warm-up');
  // Each subject twice, in one order then the reverse, keeping its better run: the VM is shared.
  const order = subjects.map((_, index) => index);
  for (const index of [...order, ...[...order].reverse()]) {
    const subject = subjects[index] as Subject;
    const full = await load({ url: subject.url, connections: SATURATING_CONNECTIONS, seconds: SECONDS });
    record(index, full, 'saturating');
    saturated[index] = best(saturated[index], measurement(subject.name, full), (a, b) => a.opsPerSecond > b.opsPerSecond);
    const steady = await load({ url: subject.url, connections: FIXED_RATE_CONNECTIONS, seconds: SECONDS, overallRate: FIXED_RATE });
    record(index, steady, 'fixed rate');
    paced[index] = best(paced[index], measurement(subject.name, steady), (a, b) => (a.p99Ms ?? Infinity) < (b.p99Ms ?? Infinity));
  }

  const bare = saturated[0] as Measurement;
  console.log(
    comparisonTable(
      `Accepted hooks per second, saturating (${SATURATING_CONNECTIONS} connections)`,
      [1, 2].map((index) => ({ workload: 'distinct valid hooks, each a durable insert', subject: saturated[index] as Measurement, baseline: bare, target: 0.3 })),
    ),
  );
  console.log(`\n### Latency at a fixed ${FIXED_RATE.toLocaleString('en-US')} requests per second (${FIXED_RATE_CONNECTIONS} connections)\n`);
  console.log('| subject | achieved hooks/s | p50 ms | p99 ms | target |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const m of paced as Measurement[]) {
    const verdict = (m.p99Ms ?? Infinity) < P99_TARGET_MS ? '✔' : '✘';
    console.log(`| ${m.name} | ${Math.round(m.opsPerSecond).toLocaleString('en-US')} | ${m.p50Ms} | ${m.p99Ms} | p99 < ${P99_TARGET_MS} ms ${verdict} |`);
  }
  console.log('');
  for (const [index, subject] of subjects.entries()) {
    if (subject.recorded === undefined) continue;
    const recorded = await subject.recorded();
    console.log(`${subject.name}: ${acknowledged[index]} hooks acknowledged with 200, ${recorded} entries in the inbox`);
  }
  console.log(failures.length === 0 ? 'No request failed.' : `Failures: ${failures.join('; ')}`);
} finally {
  for (const subject of subjects) await subject.close();
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(directory, { recursive: true, force: true });
}
