import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChaosHookProxy, type ChaosHookProxy } from '../support/chaos-hook-proxy.js';
import { chaosScenarioPlan, type UserPlan } from '../support/chaos-scenario-plan.js';
import { driveChaosScenario, type DrivenScenario } from '../support/chaos-scenario-driver.js';
import { convergenceDivergences, divergenceCounts, isSeedWordForIt, readMangopayTruth, type Divergence } from '../support/convergence-divergences.js';
import { freePort } from '../support/free-port.js';
import { SIMULATOR_CREDENTIALS, startServiceProcess, startSimulatorProcess, type ChildService } from '../support/kyc-processes.js';
import { mangopaySide, type MangopaySide } from '../support/mangopay-side.js';
import { platformRestClient, type PlatformRestClient } from '../support/platform-rest-client.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { seededRandom, seedFromEnvironment } from '../support/seeded-random.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * Convergence under hook chaos, black box: the simulator and `kyc serve` in processes of their own, and between
 * the simulator's hook delivery and the service's webhook endpoint a proxy that duplicates, reorders, delays,
 * drops (acknowledged or refused) and forges hooks. 32 users of every kind take documents and sessions through
 * the REST API, settled at Mangopay in every outcome. Once the chaos stops, every document, session and user as
 * the service shows it must equal, field by field, what Mangopay shows.
 *
 * The seed is printed; KYC_CHAOS_SEED=<seed> replays the same plan and the same sequence of proxy decisions (the
 * timing of hooks between processes is not replayed, so the decisions may fall on other hooks).
 */
const SEED = seedFromEnvironment('KYC_CHAOS_SEED');
const USERS = 32;
const CONCURRENCY = 6;
/** After the chaos: how long the service has to converge by itself (hooks, then its own sweep; no operator). */
const CONVERGE_MS = 60_000;
const HOOKS_SETTLE_MS = 60_000;
const API_KEY = 'chaos-convergence-api-key-0123456789abcdef012345';
/** A 40 KiB PDF page: over today's 32 KB minimum for identity proofs. */
const PAGE = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024, 0x20)]).toString('base64');
/** The service's event types, others it also takes, and one about payments it does not act on. */
const FORGED_EVENT_TYPES = [
  'KYC_CREATED', 'KYC_VALIDATION_ASKED', 'KYC_SUCCEEDED', 'KYC_FAILED', 'KYC_OUTDATED',
  'IDENTITY_VERIFICATION_VALIDATED', 'IDENTITY_VERIFICATION_FAILED', 'IDENTITY_VERIFICATION_INCONCLUSIVE', 'IDENTITY_VERIFICATION_OUTDATED',
  'IDENTITY_VERIFICATION_EXPIRED', 'USER_KYC_REGULAR', 'USER_KYC_LIGHT', 'PAYIN_NORMAL_SUCCEEDED',
];

const postgres = await postgresForTests('chaos convergence');
console.log(`[chaos convergence] seed ${SEED} (KYC_CHAOS_SEED=${SEED} to replay)`);

/** How many documents and sessions the plan takes to each outcome, to show every outcome is covered. */
const outcomeCounts = (plan: ReadonlyArray<UserPlan>): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const step of plan.flatMap((user) => user.steps)) {
    const key = `${step.kind} ${step.outcome}${step.kind === 'session' && step.onHostedPage ? ' (hosted page)' : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until no divergence is left or the time is up; the divergences last seen. */
const convergedWithin = async (ms: number, look: () => Promise<Divergence[]>): Promise<Divergence[]> => {
  const until = Date.now() + ms;
  for (;;) {
    const divergences = await look();
    if (divergences.length === 0 || Date.now() >= until) return divergences;
    await sleep(1_000);
  }
};

const report = (variant: string, stage: string, divergences: ReadonlyArray<Divergence>): void => {
  console.log(`[chaos convergence ${variant}] seed ${SEED}, ${stage}: ${divergences.length} divergence(s) ${JSON.stringify(divergenceCounts(divergences))}`);
  for (const d of divergences) console.log(`  ${d.resource} ${d.id} ${d.field}: service ${JSON.stringify(d.service)}, Mangopay ${JSON.stringify(d.mangopay)}${isSeedWordForIt(d) ? " (seed 000's word for it)" : ''}`);
};

interface Variant {
  readonly name: string;
  /** KYC_EVENT_STORE for this run, made ready. */
  readonly eventStore: (folder: string) => Promise<string>;
  readonly dispose: () => Promise<void>;
}

const chaosConvergence = (variant: Variant): void => {
  const folder = temporaryDirectory(`chaos-${variant.name}`);
  const stops: Array<() => Promise<void>> = [];

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await variant.dispose();
    folder.remove();
  });

  it(
    `${USERS} users through duplicated, reordered, delayed, dropped and forged hooks: the service ends as Mangopay is`,
    async () => {
      const simulator: ChildService = await startSimulatorProcess(join(folder.path, 'simulator.log'));
      stops.push(simulator.stop);
      const servicePort = await freePort();
      const known: string[] = [];
      const proxy: ChaosHookProxy = await startChaosHookProxy({
        target: `http://127.0.0.1:${servicePort}`,
        // Its own stream of draws: the plan does not depend on how many hooks arrived.
        random: seededRandom((SEED ^ 0x9e3779b9) >>> 0),
        knownIds: () => known,
        eventTypes: FORGED_EVENT_TYPES,
      });
      stops.push(proxy.close);
      const environment: Record<string, string> = {
        KYC_EVENT_STORE: await variant.eventStore(folder.path),
        MANGOPAY_BASE_URL: simulator.url,
        MANGOPAY_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
        MANGOPAY_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
        KYC_PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
        KYC_DATA_DIR: join(folder.path, 'data'),
        KYC_PAGE_POLICY: 'current',
      };
      const service = await startServiceProcess(
        {
          ...environment,
          PORT: String(servicePort),
          // Mangopay reaches the service through the proxy: the service registers the proxy's URL as its hooks' target.
          KYC_PUBLIC_URL: proxy.url,
          KYC_API_KEYS: API_KEY,
          // Every hook comes from the proxy's one address; the default 600 a minute would refuse part of the storm.
          KYC_WEBHOOK_MAX_PER_MINUTE: '100000',
          // A hook dropped for good (answered 200 by the proxy) is repaired by the service's own sweep; short here so
          // the test need not wait out the 15-minute default, with room in the budget for 32 users' resources.
          KYC_SWEEP_EVERY_SECONDS: '2',
          KYC_SWEEP_OLDER_THAN_SECONDS: '5',
          KYC_BACKGROUND_CALLS_PER_MINUTE: '1200',
          LOG_LEVEL: 'warn',
        },
        join(folder.path, 'service.log'),
      );
      stops.push(service.stop);
      const platform: PlatformRestClient = platformRestClient(service.url, API_KEY);
      const mangopay: MangopaySide = mangopaySide(simulator.url, SIMULATOR_CREDENTIALS.clientId, SIMULATOR_CREDENTIALS.apiKey);

      const plan: ReadonlyArray<UserPlan> = chaosScenarioPlan(seededRandom(SEED), USERS);
      console.log(`[chaos convergence ${variant.name}] outcomes dealt ${JSON.stringify(outcomeCounts(plan))}`);
      const scenario: DrivenScenario = await driveChaosScenario(
        {
          platform,
          mangopay,
          randomFor: (index) => seededRandom((SEED + 7919 * (index + 1)) >>> 0),
          page: PAGE,
          concurrency: CONCURRENCY,
          onResource: (id) => void known.push(id),
        },
        plan,
      );
      // The chaos goes on while the simulator retries what it was refused; then the proxy lets go of what it holds.
      for (const until = Date.now() + HOOKS_SETTLE_MS; (await mangopay.pendingHookDeliveries()) > 0 && Date.now() < until; ) await sleep(250);
      await proxy.calm();
      console.log(
        `[chaos convergence ${variant.name}] ${scenario.users.length} users, ${scenario.documents.length} documents, ${scenario.sessions.length} sessions; proxy ${JSON.stringify(proxy.tally)}`,
      );

      const truth = await readMangopayTruth(mangopay, scenario);
      const look = (): Promise<Divergence[]> => convergenceDivergences(platform, truth, scenario);
      const divergences = await convergedWithin(CONVERGE_MS, look);
      report(variant.name, 'by itself (hooks and its own sweep)', divergences);
      expect(divergences, `seed ${SEED}: what the service shows that Mangopay does not`).toEqual([]);
    },
    300_000,
  );
};

describe('chaos convergence, SQLite', () => {
  chaosConvergence({ name: 'sqlite', eventStore: async (folder) => `sqlite:${join(folder, 'kyc.sqlite')}`, dispose: async () => undefined });
});

const database = `kyc_chaos_${process.pid}`;
postgres.describe('chaos convergence, PostgreSQL', () => {
  chaosConvergence({
    name: 'postgres',
    eventStore: async () => {
      await postgres.query(`CREATE DATABASE ${database}`);
      return `${postgres.connectionString.replace(/\/[^/?]*(\?.*)?$/, '')}/${database}`;
    },
    dispose: () => postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).then(() => undefined),
  });
});
