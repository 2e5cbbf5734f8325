/**
 * `npm run bench forged-hooks`: how long a genuine KYC_SUCCEEDED takes to be applied by `kyc serve` while
 * 10,000 forged hooks arrive over HTTP from 100 source addresses in 127.0.0.0/8 (100 each, under the default
 * per-source limit), and how many Mangopay calls the forged ones cost. Two forgeries: every hook an id never
 * seen (the negative cache cannot help; the budget must), and 100 invented ids repeated with fresh dates (the
 * issue's attack). Baseline in the same run: the same genuine hook with no forged traffic. Each scenario runs
 * on a fresh service (SQLite store, the in-process simulator); Mangopay's calls are read from its x-ratelimit
 * header, which counts every call made. Target: the genuine hook applied in under 5 s.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import {
  buildKycRuntime,
  startKycService,
  WEBHOOK_PATH,
  type KycRuntime,
  type RunningKycService,
} from '../src/adapters/composition-root/index.js';
import { loadAggregate } from '../src/application/command-handling/load-aggregate.js';
import { addKycPage, createKycDocument, submitKycDocument } from '../src/application/platform-commands/index.js';
import type { CommandId, MangopayId } from '../src/domain/shared/bounded-string.js';
import type { MangopaySimulator } from '../src/simulator/index.js';
import { temporaryDirectory } from '../test/support/temporary-directory.js';
import { serviceConfigForTests } from '../test/support/service-config.js';
import { pageFile } from '../test/support/page-files.js';
import { userBody } from '../test/support/simulator-provider.js';
import { now } from './lib/measure.js';

const FORGED = 10_000;
const SOURCES = 100;
const IN_FLIGHT = 64;
const TARGET_MS = 5_000;

interface Scenario {
  readonly name: string;
  readonly forgedIdOf: ((i: number) => string) | undefined;
}

const scenarios: ReadonlyArray<Scenario> = [
  { name: 'no forged traffic (baseline)', forgedIdOf: undefined },
  { name: `${FORGED.toLocaleString('en')} forged, every id new`, forgedIdOf: (i) => `kyc_forged_${i}` },
  { name: `${FORGED.toLocaleString('en')} forged, 100 ids repeated`, forgedIdOf: (i) => `kyc_forged_${i % 100}` },
];

const ok = async <A>(task: () => Promise<E.Either<{ readonly message: string }, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/** Calls made in Mangopay's shortest window, from the header it sends on every answer (the probe counts itself). */
const callsSoFar = async (simulator: MangopaySimulator, credentials: { readonly clientId: string; readonly apiKey: string }, userId: string): Promise<number> => {
  const { clientId, apiKey } = credentials;
  const token = await fetch(`${simulator.baseUrl}/v2.01/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const answer = await fetch(`${simulator.baseUrl}/v2.01/${clientId}/users/${userId}`, { headers: { authorization: `Bearer ${accessToken}` } });
  await answer.arrayBuffer();
  return Number((answer.headers.get('x-ratelimit') ?? '').split(',')[0]);
};

const agents = Array.from({ length: SOURCES }, () => new Agent({ keepAlive: true, maxSockets: 4 }));

/** One hook over HTTP from the source address 127.0.<hi>.<lo>; resolves to the status. */
const sendHook = (port: number, source: number, eventType: string, id: string, date: number): Promise<number> =>
  new Promise((resolve) => {
    const path = `${WEBHOOK_PATH}?EventType=${eventType}&RessourceId=${encodeURIComponent(id)}&Date=${date}`;
    const sent = request(
      { host: '127.0.0.1', port, path, method: 'GET', localAddress: `127.0.${1 + Math.floor(source / 250)}.${1 + (source % 250)}`, agent: agents[source] },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    sent.on('error', () => resolve(0));
    sent.end();
  });

const documentStatus = async (runtime: KycRuntime, documentId: string): Promise<string | undefined> => {
  const loaded = await loadAggregate(runtime.core)(runtime.core.documents, documentId)();
  return E.isRight(loaded) ? (loaded.right.state as { status?: string }).status : undefined;
};

interface Figures {
  readonly appliedAfterMs: number;
  readonly calls: number;
  readonly accepted: number;
  readonly refused: number;
  readonly floodSeconds: number;
}

const run = async (scenario: Scenario): Promise<Figures> => {
  const directory = temporaryDirectory('bench-forged-hooks');
  const config = serviceConfigForTests({ kind: 'sqlite', filename: join(directory.path, 'kyc.sqlite') }, directory.path, ['b'.repeat(32)], {
    webhook: { secret: undefined, allowedSources: undefined, maxPerMinutePerSource: 600, takeOver: false },
  });
  const runtime = await ok(buildKycRuntime(config));
  const service: RunningKycService = await startKycService(runtime);
  const simulator = runtime.mangopay.simulator as MangopaySimulator;
  try {
    // Mangopay's own deliveries are turned off: the genuine hook is sent by hand, at a known moment.
    for (const hook of (await ok(runtime.core.mangopay.listHooks({ perPage: 100 }))).items) {
      await ok(runtime.core.mangopay.updateHook({ hookId: hook.id, status: 'DISABLED' }));
    }
    const userId = (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;
    const created = await ok(createKycDocument(runtime.core)({ commandId: 'bench-1' as CommandId, userId, documentType: 'IDENTITY_PROOF' }));
    const documentId = (created.state as { documentId: MangopayId }).documentId;
    await ok(addKycPage(runtime.core)({ commandId: 'bench-2' as CommandId, userId, documentId, file: pageFile('PDF', 4096) }));
    await ok(submitKycDocument(runtime.core)({ commandId: 'bench-3' as CommandId, userId, documentId }));
    simulator.control.settleDocument(documentId, { status: 'VALIDATED' });
    // The budget refills while nothing happens; start every scenario from the same full bucket.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = await callsSoFar(simulator, runtime.mangopay.simulatorCredentials as { clientId: string; apiKey: string }, userId);

    const date = Math.floor(Date.now() / 1000);
    let accepted = 0;
    let refused = 0;
    let genuineAt: number | undefined;
    const flood = async (): Promise<void> => {
      if (scenario.forgedIdOf === undefined) return;
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < FORGED; i = next++) {
          const status = await sendHook(service.port, i % SOURCES, 'KYC_SUCCEEDED', scenario.forgedIdOf!(i), date + i);
          if (status === 200) accepted++;
          else refused++;
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    };
    const floodStart = now();
    const flooding = flood();
    // The genuine hook arrives mid-flood, behind half the forged ones.
    while (scenario.forgedIdOf !== undefined && accepted + refused < FORGED / 2) await new Promise((resolve) => setTimeout(resolve, 5));
    genuineAt = now();
    await sendHook(service.port, SOURCES - 1, 'KYC_SUCCEEDED', documentId, date);
    while ((await documentStatus(runtime, documentId)) !== 'VALIDATED') {
      if (now() - genuineAt > 120_000) throw new Error(`${scenario.name}: the genuine hook was not applied within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const appliedAfterMs = now() - genuineAt;
    await flooding;
    const floodSeconds = (now() - floodStart) / 1000;
    // Let the processor settle what it can of the flood before counting what it spent.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const calls = (await callsSoFar(simulator, runtime.mangopay.simulatorCredentials as { clientId: string; apiKey: string }, userId)) - before - 1;
    return { appliedAfterMs, calls, accepted, refused, floodSeconds };
  } finally {
    await service.stop();
    directory.remove();
  }
};

const results: Array<{ scenario: Scenario; figures: Figures }> = [];
for (const scenario of scenarios) results.push({ scenario, figures: await run(scenario) });
const baseline = results[0]!.figures;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  [
    `### A genuine hook among forged ones (${SOURCES} sources, ${IN_FLIGHT} in flight, the genuine one sent after half)`,
    '',
    '| scenario | genuine applied after | target | Mangopay calls | of which for forged hooks | forged answered 200 / refused | flood sent in |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      ({ scenario, figures }) =>
        `| ${scenario.name} | ${fmt(figures.appliedAfterMs)} ms | < ${fmt(TARGET_MS)} ms ${figures.appliedAfterMs < TARGET_MS ? '✔' : '✘'} | ${fmt(figures.calls)} | ${fmt(figures.calls - baseline.calls)} | ${fmt(figures.accepted)} / ${fmt(figures.refused)} | ${scenario.forgedIdOf === undefined ? '–' : `${fmt(figures.floodSeconds, 1)} s`} |`,
    ),
  ].join('\n'),
);
for (const agent of agents) agent.destroy();
