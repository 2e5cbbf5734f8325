import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import type { FastifyInstance } from 'fastify';
import { buildKycHttpApp, KYC, loadConfig, runtimeContainer } from '../../src/adapters/composition-root/index.js';
import type { MangopayApi } from '../../src/application/ports/mangopay-api.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { startServiceProcess, type ChildService } from '../support/kyc-processes.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { simulatorProvider } from '../support/simulator-provider.js';
import { startStallingMangopayProxy, type StallingMangopayProxy } from '../support/stalling-mangopay-proxy.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * The service answers every request it accepted: a Mangopay that hangs, loses answers or rate-limits for long
 * gives the platform a 504 or 503 with Retry-After (a typed body), never a cut connection, and a retry with the
 * same Idempotency-Key after a 504 does the work once.
 */
const KEY = 'time-budgets-key-0123456789abcdef0123456789ab';
const CLIENT = { clientId: 'budget-client', apiKey: 'budget-simulator-key' } as const;

describe('kyc serve in front of a Mangopay that stalls (KYC_REQUEST_TIMEOUT_SECONDS=3, MANGOPAY_TIMEOUT_SECONDS=1)', () => {
  const folder = temporaryDirectory('time-budgets');
  let simulator: MangopaySimulator;
  let proxy: StallingMangopayProxy;
  let service: ChildService;
  let mangopay: MangopayApi;

  beforeAll(async () => {
    simulator = await startMangopaySimulator({ ...CLIENT, pageRules: 'seed' });
    proxy = await startStallingMangopayProxy(simulator.baseUrl);
    mangopay = createMangopayHttpClient({ baseUrl: simulator.baseUrl, ...CLIENT });
    service = await startServiceProcess(
      {
        PORT: '0',
        KYC_EVENT_STORE: `sqlite:${join(folder.path, 'kyc.sqlite')}`,
        KYC_DATA_DIR: folder.path,
        KYC_API_KEYS: KEY,
        KYC_PAGE_POLICY: 'seed',
        MANGOPAY_BASE_URL: proxy.baseUrl,
        MANGOPAY_CLIENT_ID: CLIENT.clientId,
        MANGOPAY_API_KEY: CLIENT.apiKey,
        KYC_REQUEST_TIMEOUT_SECONDS: '3',
        MANGOPAY_TIMEOUT_SECONDS: '1',
        KYC_SWEEP_EVERY_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
      join(folder.path, 'serve.log'),
    );
  }, 90_000);
  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
    await simulator?.close();
    folder.remove();
  });

  const createDocument = (userId: string, idempotencyKey: string) =>
    fetch(`${service.url}/users/${userId}/kyc/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ Type: 'IDENTITY_PROOF' }),
    });
  const documentsAtMangopay = async (userId: string): Promise<number> => {
    const listed = await mangopay.listUserKycDocuments(userId as MangopayId)();
    if (E.isLeft(listed)) throw new Error(listed.left.message);
    return listed.right.totalItems;
  };
  const aUser = () => simulatorProvider(simulator).createUser({ personType: 'NATURAL', userCategory: 'OWNER' });

  it('a create whose answer Mangopay never sends: 504 with Retry-After; the retry with the same Idempotency-Key records the one document', async () => {
    const userId = await aUser();
    proxy.stall({ kind: 'withhold', paths: /\/kyc\/documents$/ });
    const first = await createDocument(userId, 'budget-create-1');
    expect(first.status).toBe(504);
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await first.json()).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', message: expect.stringContaining('same Idempotency-Key') });
    // Mangopay did create it: the answer was what got lost.
    expect(await documentsAtMangopay(userId)).toBe(1);

    proxy.stall({ kind: 'pass' });
    const retried = await createDocument(userId, 'budget-create-1');
    // 201, or 200 when Mangopay's KYC_CREATED hook had the document recorded first: either way the one document.
    expect([200, 201]).toContain(retried.status);
    const body = (await retried.json()) as { readonly Id: string; readonly UserId: string };
    expect(body.UserId).toBe(userId);
    expect(await documentsAtMangopay(userId)).toBe(1);
    // And again: the platform hears the same outcome, nothing more is created.
    const again = await createDocument(userId, 'budget-create-1');
    expect([200, 201]).toContain(again.status);
    expect(((await again.json()) as { readonly Id: string }).Id).toBe(body.Id);
    expect(await documentsAtMangopay(userId)).toBe(1);
  });

  it('a Mangopay that accepts and never answers: 504 with Retry-After, not a cut connection', async () => {
    const userId = await aUser();
    proxy.stall({ kind: 'hang', paths: /\/kyc\/documents$/ });
    const answer = await createDocument(userId, 'budget-create-2');
    expect(answer.status).toBe(504);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await answer.json()).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE' });
    expect(await documentsAtMangopay(userId)).toBe(0);
    proxy.stall({ kind: 'pass' });
    expect((await createDocument(userId, 'budget-create-2')).status).toBe(201);
    expect(await documentsAtMangopay(userId)).toBe(1);
  });

  it('a 429 whose reset is far beyond the budget: 503 RATE_LIMITED at once, with the reset as Retry-After', async () => {
    const userId = await aUser();
    proxy.stall({ kind: 'rate-limit', paths: /\/kyc\/documents$/, seconds: 600 });
    const answer = await createDocument(userId, 'budget-create-3');
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(await answer.json()).toMatchObject({ type: 'RATE_LIMITED' });
    proxy.stall({ kind: 'pass' });
    expect(await documentsAtMangopay(userId)).toBe(0);
  });
});

describe('the request budget itself (whatever the handler waits on)', () => {
  let service: ServiceUnderTest;
  let app: FastifyInstance;
  let url: string;
  let release: () => void = () => undefined;
  const lines: string[] = [];

  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'silent' });
    const held = new Promise<void>((resolve) => (release = resolve));
    // A Mangopay port that answers only when the test says so: no client budget of its own bounds it.
    const base = service.runtime.core.mangopay;
    const slow: MangopayApi = {
      ...base,
      createKycDocument: (input, key) => async () => {
        await held;
        return base.createKycDocument(input, key)();
      },
    };
    // The same runtime with that Mangopay and logs at info: a child of its container, so that everything built on
    // Mangopay (the core, its command handler, what the routes are given) is built anew on the slow one.
    const slowed = runtimeContainer(service.runtime).createChildContainer();
    slowed.register(KYC.mangopayApi, { useValue: slow });
    slowed.register(KYC.config, { useValue: { ...service.runtime.config, logLevel: 'info' } });
    const runtime = slowed.resolve(KYC.runtime);
    expect(runtime.core.mangopay).toBe(slow);
    app = buildKycHttpApp(
      runtime,
      {
        logStream: { write: (line) => void lines.push(line) },
        // An idle timeout shorter than the budget is raised past it: the socket waits for its answer.
        timeouts: { answer: 400, idle: 100 },
      },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }, 30_000);
  afterAll(async () => {
    release();
    await app?.close();
    await service?.close();
  });

  it('past it: 504 TIME_BUDGET_EXCEEDED with Retry-After over the same connection; the late answer is dropped and logged without the path', async () => {
    const userId = await service.platform.createNaturalOwner();
    const answer = await fetch(`${url}/users/${userId}/kyc/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': 'budget-late-1' },
      body: JSON.stringify({ Type: 'IDENTITY_PROOF' }),
    });
    expect(answer.status).toBe(504);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(await answer.json()).toMatchObject({ type: 'TIME_BUDGET_EXCEEDED', message: expect.stringContaining('same Idempotency-Key') });
    release();
    // The handler goes on, records the document, and its answer finds the reply already sent.
    for (let waited = 0; waited < 10_000 && !lines.join('').includes('LATE_ANSWER'); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const log = lines.join('');
    expect(log).toContain('TIME_BUDGET_EXCEEDED');
    expect(log).toContain('LATE_ANSWER');
    expect(log).not.toContain(userId);
  });
});

describe('budgets that cannot fit are refused at start, in one line naming the variable', () => {
  it('a Mangopay attempt longer than the request budget minus the time to record: refused', () => {
    const refused = loadConfig({ KYC_REQUEST_TIMEOUT_SECONDS: '5', MANGOPAY_TIMEOUT_SECONDS: '4' });
    expect(refused).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT', faults: [{ path: 'MANGOPAY_TIMEOUT_SECONDS' }] } });
    expect(E.isLeft(refused) && refused.left.message).not.toMatch(/\n/);
    expect(loadConfig({ KYC_REQUEST_TIMEOUT_SECONDS: '5', MANGOPAY_TIMEOUT_SECONDS: '3' })).toMatchObject({
      right: { timeBudgets: { requestMs: 5_000, mangopayCallMs: 3_000, mangopayAttemptMs: 3_000 } },
    });
    expect(loadConfig({})).toMatchObject({ right: { timeBudgets: { requestMs: 20_000, mangopayCallMs: 18_000, mangopayAttemptMs: 10_000 } } });
  });
});
