import * as E from 'fp-ts/lib/Either.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildKycRuntime, startKycService, WEBHOOK_PATH, type KycConfig, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { HOOK_EVENT_TYPES, idempotencyKeyFor, type AbsoluteUrl, type MangopayApi } from '../../src/application/ports/mangopay-api.js';
import type { CommandId } from '../../src/domain/shared/bounded-string.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { freePort } from '../support/free-port.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * `kyc serve` against a Mangopay of its own (the simulator, started apart, as the real one would be): hooks are
 * registered before /ready says ready, another URL's hooks are left alone and reported unless taken over, ours
 * are re-enabled, and a Mangopay unreachable at start leaves the service serving but not ready until it answers.
 */
const CLIENT_ID = 'hook-registration';
const API_KEY = 'hook-registration-key';
const KEY = 'k'.repeat(40);
const SECRET = 'SECRETsegment0123456789';
const PUBLIC_URL = 'https://kyc.example.test';
const OUR_URL = `${PUBLIC_URL}${WEBHOOK_PATH}/${SECRET}`;
const OTHER_URL = 'https://other-deployment.example.test/hooks';

let simulator: MangopaySimulator | undefined;
let service: RunningKycService | undefined;
const data = temporaryDirectory('hook-registration');
afterEach(async () => {
  await service?.stop();
  await simulator?.close();
  service = undefined;
  simulator = undefined;
});
afterAll(() => data.remove());

const mangopayOf = (baseUrl: string): MangopayApi => createMangopayHttpClient({ baseUrl, clientId: CLIENT_ID, apiKey: API_KEY });
const hooksAt = async (mangopay: MangopayApi) => {
  const listed = await mangopay.listHooks({ page: 1, perPage: 100 })();
  if (E.isLeft(listed)) throw new Error(listed.left.type);
  return new Map(listed.right.items.map((hook) => [hook.eventType as string, hook]));
};

const start = async (baseUrl: string, takeOver = false): Promise<RunningKycService> => {
  const config: KycConfig = serviceConfigForTests({ kind: 'memory' }, data.path, [KEY], {
    mangopay: { baseUrl, clientId: CLIENT_ID, apiKey: API_KEY },
    publicUrl: PUBLIC_URL,
    webhook: { secret: SECRET, allowedSources: undefined, maxPerMinutePerSource: 100, takeOver },
  });
  const runtime = await buildKycRuntime(config)();
  if (E.isLeft(runtime)) throw new Error(runtime.left.message);
  return startKycService(runtime.right, { hookRegistration: { firstRetryMs: 20, maxRetryMs: 100, heldElsewhereRecheckMs: 50 } });
};
const ready = async (running: RunningKycService) => {
  const answer = await fetch(`${running.url}/ready`);
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
};

describe('hook registration and readiness', () => {
  it('registers every event type at a fresh Mangopay before /ready answers 200', async () => {
    simulator = await startMangopaySimulator({ clientId: CLIENT_ID, apiKey: API_KEY });
    service = await start(simulator.baseUrl);
    expect(await ready(service)).toEqual({ status: 200, body: { status: 'ready' } });
    const hooks = await hooksAt(mangopayOf(simulator.baseUrl));
    expect([...hooks.keys()].sort()).toEqual([...HOOK_EVENT_TYPES].sort());
    expect([...hooks.values()].every((hook) => hook.url === OUR_URL && hook.status === 'ENABLED')).toBe(true);
  });

  it("leaves a hook of another URL alone and reports it at /ready, naming no secret and no URL; takes it over when configured", async () => {
    simulator = await startMangopaySimulator({ clientId: CLIENT_ID, apiKey: API_KEY });
    const mangopay = mangopayOf(simulator.baseUrl);
    const other = await mangopay.createHook({ eventType: 'KYC_SUCCEEDED', url: OTHER_URL as AbsoluteUrl }, idempotencyKeyFor('other-deployment' as CommandId, 'create-hook'))();
    expect(E.isRight(other)).toBe(true);

    service = await start(simulator.baseUrl);
    const answer = await ready(service);
    expect(answer).toEqual({ status: 503, body: { status: 'not ready', reason: 'HOOKS_HELD_ELSEWHERE', hooksHeldElsewhere: ['KYC_SUCCEEDED'] } });
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect(JSON.stringify(answer.body)).not.toContain('example.test');
    const left = await hooksAt(mangopay);
    expect(left.get('KYC_SUCCEEDED')?.url).toBe(OTHER_URL);
    expect([...left.values()].filter((hook) => hook.url === OUR_URL)).toHaveLength(HOOK_EVENT_TYPES.length - 1);
    await service.stop();

    service = await start(simulator.baseUrl, true);
    expect(await ready(service)).toEqual({ status: 200, body: { status: 'ready' } });
    expect((await hooksAt(mangopay)).get('KYC_SUCCEEDED')).toMatchObject({ url: OUR_URL, status: 'ENABLED' });
  });

  it('re-enables a disabled hook of ours', async () => {
    simulator = await startMangopaySimulator({ clientId: CLIENT_ID, apiKey: API_KEY });
    const mangopay = mangopayOf(simulator.baseUrl);
    const ours = await mangopay.createHook({ eventType: 'IDENTITY_VERIFICATION_VALIDATED', url: OUR_URL as AbsoluteUrl }, idempotencyKeyFor('earlier-run' as CommandId, 'create-hook'))();
    if (E.isLeft(ours)) throw new Error(ours.left.type);
    expect(E.isRight(await mangopay.updateHook({ hookId: ours.right.id, status: 'DISABLED' })())).toBe(true);

    service = await start(simulator.baseUrl);
    expect((await ready(service)).status).toBe(200);
    expect((await hooksAt(mangopay)).get('IDENTITY_VERIFICATION_VALIDATED')).toMatchObject({ id: ours.right.id, url: OUR_URL, status: 'ENABLED' });
  });

  it('starts and serves while Mangopay is unreachable, answers /ready 503 until registration succeeds, then 200', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    service = await start(baseUrl);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect((await fetch(`${service.url}/kyc/documents`, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);
    const down = await ready(service);
    expect(down).toEqual({ status: 503, body: { status: 'not ready', reason: 'HOOKS_NOT_REGISTERED' } });
    expect(JSON.stringify(down.body)).not.toContain(String(port));

    simulator = await startMangopaySimulator({ clientId: CLIENT_ID, apiKey: API_KEY, port });
    while ((await ready(service)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    const hooks = await hooksAt(mangopayOf(baseUrl));
    expect([...hooks.keys()].sort()).toEqual([...HOOK_EVENT_TYPES].sort());
  }, 30_000);
});
