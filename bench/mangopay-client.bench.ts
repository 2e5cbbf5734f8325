/**
 * `npm run bench mangopay-client`: the HTTP adapter against the simulator, beside the official SDK doing the
 * same calls in the same run: view a user (GET) and create a KYC document (POST with an Idempotency-Key), at
 * 16 concurrent callers. The simulator runs in a child process (this file, started again as the server), so
 * the clients are measured, not the server's share of one event loop.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import Mangopay from 'mangopay4-nodejs-sdk';
import { createMangopayHttpClient } from '../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator } from '../src/simulator/index.js';
import { idempotencyKeyFor } from '../src/application/ports/mangopay-idempotency-key.js';
import type { CommandId, MangopayId } from '../src/domain/shared/bounded-string.js';
import { comparisonTable, measureConcurrent, type Measurement } from './lib/measure.js';

const CLIENT_ID = 'bench';
const API_KEY = 'bench-key';
const CONCURRENCY = 16;
const VIEWS = 3000;
const CREATES = 1500;
/** Rounds per workload, subject and baseline taking turns to go first; each side's median round is reported. */
const ROUNDS = 5;

const serve = async (): Promise<void> => {
  const simulator = await startMangopaySimulator({ clientId: CLIENT_ID, apiKey: API_KEY });
  const user = simulator.control.createNaturalUser({ FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', UserCategory: 'PAYER' });
  process.stdout.write(`${JSON.stringify({ baseUrl: simulator.baseUrl, userId: (user.body as { Id: string }).Id })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void simulator.close().then(() => process.exit(0)));
};

const bench = async (): Promise<void> => {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, MANGOPAY_BENCH_ROLE: 'simulator' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { baseUrl, userId } = JSON.parse(line.toString()) as { baseUrl: string; userId: MangopayId };

  const client = createMangopayHttpClient({ baseUrl, clientId: CLIENT_ID, apiKey: API_KEY });
  const sdk = new Mangopay({ clientId: CLIENT_ID, clientApiKey: API_KEY, baseUrl, errorHandler: () => {} });
  const ok = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
    const result = await task();
    if (E.isLeft(result)) throw new Error(`the client failed: ${JSON.stringify(result.left)}`);
    return result.right;
  };

  const clientView = () => ok(client.viewUser(userId));
  const sdkView = () => sdk.Users.get(userId);
  const clientCreate = () => ok(client.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, idempotencyKeyFor(randomUUID() as CommandId, 'bench')));
  const sdkCreate = () => sdk.Users.createKycDocument(userId, { Type: 'IDENTITY_PROOF' }, { headers: { 'Idempotency-Key': randomUUID() } });

  // Warm-up: tokens, connections and JIT for both, before anything is timed.
  await measureConcurrent('warm-up', 400, CONCURRENCY, (i) => (i % 2 === 0 ? clientView() : sdkView()));
  await measureConcurrent('warm-up', 200, CONCURRENCY, (i) => (i % 2 === 0 ? clientCreate() : sdkCreate()));

  const median = (runs: Measurement[]): Measurement =>
    [...runs].sort((a, b) => a.opsPerSecond - b.opsPerSecond)[Math.floor(runs.length / 2)] as Measurement;
  /** Alternates the two sides round by round, so a noisy neighbour on the machine weighs on both alike. */
  const compare = async (workload: string, operations: number, subject: () => Promise<unknown>, baseline: () => Promise<unknown>) => {
    const subjects: Measurement[] = [];
    const baselines: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const runSubject = async () => subjects.push(await measureConcurrent('kyc-core HTTP client', operations, CONCURRENCY, subject));
      const runBaseline = async () => baselines.push(await measureConcurrent('official SDK 1.68', operations, CONCURRENCY, baseline));
      if (round % 2 === 0) {
        await runSubject();
        await runBaseline();
      } else {
        await runBaseline();
        await runSubject();
      }
    }
    return { workload, subject: median(subjects), baseline: median(baselines), target: 1.0 };
  };

  const rows = [
    await compare(`view a user (GET), ${CONCURRENCY} callers`, VIEWS, clientView, sdkView),
    await compare(`create a KYC document (POST + Idempotency-Key), ${CONCURRENCY} callers`, CREATES, clientCreate, sdkCreate),
  ];
  console.log(comparisonTable(`Mangopay client against the simulator (median of ${ROUNDS} alternating rounds)`, rows));
  child.stdin.end();
  await once(child, 'exit');
};

await (process.env['MANGOPAY_BENCH_ROLE'] === 'simulator' ? serve() : bench());
