import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMangopayHttpClient, type MangopayHttpClientOptions } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import { freshKey, left, RETURN_URL, right } from '../../src/testing/mangopay-api-conformance/index.js';
import { scriptedMangopayClient } from '../support/scripted-mangopay-fetch.js';
import { simulatorProvider } from '../support/simulator-provider.js';

const running: MangopaySimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

const simulator = async (clientId = 'client-a', apiKey = 'key-a', extra: { now?: () => number; tokenLifetimeSeconds?: number } = {}) => {
  const started = await startMangopaySimulator({ clientId, apiKey, ...extra });
  running.push(started);
  return started;
};

/** Counts what the client sends, and records its waits instead of sleeping. */
const instrumented = (simulatorUnderTest: MangopaySimulator, clientId: string, apiKey: string, options: Partial<MangopayHttpClientOptions> = {}) => {
  const sent: Array<{ readonly method: string; readonly url: string; readonly headers: Headers }> = [];
  const waits: number[] = [];
  const api = createMangopayHttpClient({
    baseUrl: simulatorUnderTest.baseUrl,
    clientId,
    apiKey,
    fetch: (input, init) => {
      sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  const tokenRequests = () => sent.filter((request) => request.url.endsWith('/oauth/token')).length;
  return { api, sent, waits, tokenRequests };
};

const aUser = (sim: MangopaySimulator) => simulatorProvider(sim).createUser({ personType: 'NATURAL', userCategory: 'OWNER' });

/** A client whose fetch answers the token endpoint and hands every other request, whatever its method and path, to `answer`. */
const fakeClient = (answer: (url: string, init: RequestInit | undefined) => Promise<Response> | Response, options: Partial<MangopayHttpClientOptions> = {}) =>
  scriptedMangopayClient([{ path: () => true, answer: (request) => answer(request.url, request.init) }], options);

describe('OAuth2 client credentials', () => {
  it('one token for many concurrent calls: one renewal in flight at a time', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, tokenRequests } = instrumented(sim, 'client-a', 'key-a');
    const results = await Promise.all(Array.from({ length: 16 }, () => api.viewUser(userId)()));
    expect(results.every(E.isRight)).toBe(true);
    expect(tokenRequests()).toBe(1);
    await right(api.viewUser(userId));
    expect(tokenRequests()).toBe(1);
  });

  it('sends Basic base64(ClientId:ApiKey) and grant_type=client_credentials to /v2.01/oauth/token', async () => {
    const sim = await simulator();
    const { api, sent } = instrumented(sim, 'client-a', 'key-a');
    await left(api.viewUser('user_m_none' as MangopayId));
    const token = sent.find((request) => request.url.endsWith('/v2.01/oauth/token'));
    expect(token?.method).toBe('POST');
    expect(token?.headers.get('authorization')).toBe(`Basic ${Buffer.from('client-a:key-a').toString('base64')}`);
  });

  it('renews the token shortly before it expires', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    let clock = Date.now();
    const { api, tokenRequests } = instrumented(sim, 'client-a', 'key-a', { now: () => clock });
    await right(api.viewUser(userId));
    clock += (1200 - 90) * 1000;
    await right(api.viewUser(userId));
    expect(tokenRequests()).toBe(1);
    clock += 60 * 1000;
    await right(api.viewUser(userId));
    expect(tokenRequests()).toBe(2);
  });

  it('a token Mangopay no longer accepts is renewed once, and the call goes through', async () => {
    let simulatorClock = Date.now();
    const sim = await simulator('client-a', 'key-a', { now: () => simulatorClock, tokenLifetimeSeconds: 1200 });
    const userId = await aUser(sim);
    const { api, tokenRequests } = instrumented(sim, 'client-a', 'key-a', { now: () => 0 });
    await right(api.viewUser(userId));
    simulatorClock += 1300 * 1000;
    await right(api.viewUser(userId));
    expect(tokenRequests()).toBe(2);
  });

  it('wrong credentials: MANGOPAY_AUTHENTICATION_FAILED, and the key appears nowhere in the error', async () => {
    const sim = await simulator();
    const { api } = instrumented(sim, 'client-a', 'not-the-key-5f1c');
    const error = await left(api.viewUser('user_m_x' as MangopayId));
    expect(error).toMatchObject({ type: 'MANGOPAY_AUTHENTICATION_FAILED', status: 401 });
    expect(JSON.stringify(error)).not.toContain('not-the-key-5f1c');
  });

  it('two clients with different credentials in one process work independently', async () => {
    const simA = await simulator('client-a', 'key-a');
    const simB = await simulator('client-b', 'key-b');
    const [userA, userB] = [await aUser(simA), await aUser(simB)];
    const a = instrumented(simA, 'client-a', 'key-a');
    const b = instrumented(simB, 'client-b', 'key-b');
    const broken = instrumented(simB, 'client-b', 'wrong');
    const [viewA, viewB, refused] = await Promise.all([a.api.viewUser(userA)(), b.api.viewUser(userB)(), broken.api.viewUser(userB)()]);
    expect(viewA).toMatchObject({ right: { id: userA } });
    expect(viewB).toMatchObject({ right: { id: userB } });
    expect(refused).toMatchObject({ left: { type: 'MANGOPAY_AUTHENTICATION_FAILED' } });
    expect(await left(a.api.viewUser(userB))).toMatchObject({ type: 'RESOURCE_NOT_FOUND' });
    expect(a.tokenRequests()).toBe(1);
    expect(b.tokenRequests()).toBe(1);
  });
});

describe('retries, rate limits and timeouts', () => {
  it('a GET is retried after 5xx with growing, jittered, bounded delays', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, waits } = instrumented(sim, 'client-a', 'key-a', { baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
    sim.control.injectFaults({ status: 503, count: 3 });
    await right(api.viewUser(userId));
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after maxAttempts with MANGOPAY_UNAVAILABLE', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api } = instrumented(sim, 'client-a', 'key-a', { maxAttempts: 2 });
    sim.control.injectFaults({ status: 500, count: 5 });
    expect(await left(api.viewUser(userId))).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', reason: 'server-error', status: 500, attempts: 2 });
  });

  it('a POST with an Idempotency-Key is retried after 5xx and creates one document', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, sent } = instrumented(sim, 'client-a', 'key-a');
    sim.control.injectFaults({ status: 502, count: 1 });
    const key = freshKey();
    await right(api.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, key));
    const posts = sent.filter((request) => request.method === 'POST' && request.url.includes('/kyc/documents'));
    expect(posts.map((request) => request.headers.get('idempotency-key'))).toEqual([key, key]);
    expect((await right(api.listUserKycDocuments(userId))).totalItems).toBe(1);
  });

  it('a PUT (no Idempotency-Key) is not repeated after a 5xx', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, sent } = instrumented(sim, 'client-a', 'key-a');
    const document = await right(api.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, freshKey()));
    sim.control.injectFaults({ status: 503, count: 1 });
    expect(await left(api.submitKycDocument({ userId, documentId: document.id }))).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', attempts: 1 });
    expect(sent.filter((request) => request.method === 'PUT')).toHaveLength(1);
    expect(sent.find((request) => request.method === 'PUT')?.headers.get('idempotency-key')).toBeNull();
  });

  it('a 429 waits until x-ratelimit-reset, then goes on', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, waits } = instrumented(sim, 'client-a', 'key-a');
    sim.control.injectFaults({ status: 429, count: 1, resetInSeconds: 2 });
    await right(api.viewUser(userId));
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(2000);
  });

  it('waits for rate limits a bounded number of times, then RATE_LIMITED with the reset time', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, waits } = instrumented(sim, 'client-a', 'key-a', { maxRateLimitWaits: 2 });
    sim.control.injectFaults({ status: 429, count: 10, resetInSeconds: 1 });
    const error = await left(api.viewUser(userId));
    expect(error).toMatchObject({ type: 'RATE_LIMITED', resetAt: expect.any(Number) });
    expect(waits).toHaveLength(2);
  });

  it('a reset further away than the longest wait answers RATE_LIMITED at once', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, waits } = instrumented(sim, 'client-a', 'key-a', { maxRateLimitWaitMs: 1000 });
    sim.control.injectFaults({ status: 429, count: 1, resetInSeconds: 600 });
    expect(await left(api.viewUser(userId))).toMatchObject({ type: 'RATE_LIMITED' });
    expect(waits).toEqual([]);
  });

  it('network errors are retried for GETs, then MANGOPAY_UNAVAILABLE (network)', async () => {
    const sim = await simulator();
    const { baseUrl } = sim;
    await sim.close();
    running.splice(running.indexOf(sim), 1);
    const api = fakeClient((url, init) => fetch(url, init), { baseUrl, clientId: 'client-a', apiKey: 'key-a', maxAttempts: 3 });
    expect(await left(api.viewUser('user_m_x' as MangopayId))).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', reason: 'network', attempts: 3 });
  });

  it('one deadline for the whole call (budgetMs): no backoff is begun that would end past it', async () => {
    let clock = 0;
    const waits: number[] = [];
    let calls = 0;
    const api = fakeClient(
      () => {
        calls++;
        return new Response('{}', { status: 503 });
      },
      {
        budgetMs: 2_500,
        maxAttempts: 10,
        baseDelayMs: 1_000,
        maxDelayMs: 60_000,
        random: () => 1,
        now: () => clock,
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      },
    );
    expect(await left(api.viewUser('user_m_x' as MangopayId))).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', reason: 'server-error', attempts: 2 });
    // 1 s, then 2 s would end at 3 s, past the 2.5 s budget.
    expect(waits).toEqual([1_000]);
    expect(calls).toBe(2);
  });

  it('a 429 whose reset outlasts the budget left answers RATE_LIMITED at once, with the reset', async () => {
    const sim = await simulator();
    const userId = await aUser(sim);
    const { api, waits } = instrumented(sim, 'client-a', 'key-a', { budgetMs: 5_000 });
    sim.control.injectFaults({ status: 429, count: 1, resetInSeconds: 30 });
    expect(await left(api.viewUser(userId))).toMatchObject({ type: 'RATE_LIMITED', resetAt: expect.any(Number) });
    expect(waits).toEqual([]);
  });

  it('a Retry-After (seconds) is read when x-ratelimit-reset is absent', async () => {
    let clock = 1_700_000_000_000;
    const waits: number[] = [];
    let calls = 0;
    const api = fakeClient(
      () => (calls++ === 0 ? new Response('{}', { status: 429, headers: { 'retry-after': '3' } }) : Response.json({ Id: 'user_m_x', PersonType: 'NATURAL' })),
      { now: () => clock, sleep: async (ms) => { waits.push(ms); clock += ms; } },
    );
    await api.viewUser('user_m_x' as MangopayId)();
    expect(waits).toEqual([3_000]);
  });

  it('the attempt timeout is never longer than the budget', async () => {
    let calls = 0;
    const api = fakeClient(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          calls++;
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      { timeoutMs: 600_000, budgetMs: 50, maxAttempts: 3 },
    );
    expect(await left(api.viewUser('user_m_x' as MangopayId))).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', reason: 'timeout' });
    expect(calls).toBeGreaterThanOrEqual(1);
  });

  it('an attempt that does not answer in time is aborted (timeout) and retried', async () => {
    let calls = 0;
    const api = fakeClient(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          calls++;
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      { timeoutMs: 20, maxAttempts: 2 },
    );
    expect(await left(api.viewUser('user_m_x' as MangopayId))).toMatchObject({ type: 'MANGOPAY_UNAVAILABLE', reason: 'timeout', attempts: 2 });
    expect(calls).toBe(2);
  });
});

describe('decoding what Mangopay answers', () => {
  const SESSION = {
    Id: 'idnver_1',
    UserId: 'user_m_1',
    HostedUrl: 'https://verify.example/s/1',
    ReturnUrl: 'https://platform.example/back',
    CreationDate: 1_700_000_000,
    LastUpdate: 1_700_000_100,
    Tag: null,
  };
  const answerJson = (body: unknown) => fakeClient(() => Response.json(body));

  it("today's session words are read as the seed's: REFUSED = REJECTED, OUT_OF_DATE = OUTDATED, EXPIRED = TIMEOUT", async () => {
    for (const [wire, seed] of [
      ['REFUSED', 'REJECTED'],
      ['OUT_OF_DATE', 'OUTDATED'],
      ['EXPIRED', 'TIMEOUT'],
      ['VALIDATED', 'VALIDATED'],
    ] as const) {
      const session = await right(answerJson({ ...SESSION, Status: wire, Checks: [] }).viewIdvSession('idnver_1' as MangopayId));
      expect(session.status).toBe(seed);
    }
  });

  it('a UBO declaration: a status or reason the domain does not know is kept verbatim; the UBOs are only counted; an array of reasons is one verbatim word', async () => {
    const declaration = {
      Id: 'ubo_m_1',
      UserId: 'user_l_1',
      CreationDate: 1_700_000_000,
      ProcessedDate: 1_700_000_100,
      Status: 'ON_HOLD',
      Reason: 'UBO_TOO_YOUNG',
      Message: 'Grace Hopper was born in 1906',
      Ubos: [{ Id: 'ubo_1', FirstName: 'Grace', LastName: 'Hopper' }],
    };
    const viewed = await right(answerJson(declaration).viewUboDeclaration('ubo_m_1' as MangopayId));
    expect(viewed).toEqual({
      id: 'ubo_m_1',
      userId: 'user_l_1',
      status: { unrecognized: 'ON_HOLD' },
      reason: { unrecognized: 'UBO_TOO_YOUNG' },
      creationDate: 1_700_000_000,
      processedDate: 1_700_000_100,
      uboCount: 1,
    });
    expect(JSON.stringify(viewed)).not.toMatch(/Grace|Hopper|1906/);
    const listed = await right(answerJson({ ...declaration, Status: 'REFUSED', Reason: ['MISSING_UBO', 'DOCUMENTS_NEEDED'] }).viewUboDeclaration('ubo_m_1' as MangopayId));
    expect(listed).toMatchObject({ status: 'REFUSED', reason: { unrecognized: 'MISSING_UBO,DOCUMENTS_NEEDED' } });
    expect(await right(answerJson({ ...declaration, Status: 'REFUSED', Reason: 'MISSING_UBO' }).viewUboDeclaration('ubo_m_1' as MangopayId))).toMatchObject({ reason: 'MISSING_UBO' });
  });

  it('a value the domain does not know is kept verbatim and flagged, never dropped', async () => {
    const check = {
      CheckId: 'idnchc_1',
      Type: 'IDV_AGE_CHECK',
      CheckStatus: 'REVIEW',
      CreationDate: 1_700_000_000,
      LastUpdate: 1_700_000_000,
      Data: [{ Type: 'AGE_BRACKET', Value: 'ADULT' }],
      Reasons: [{ Type: 'UNDERAGE', Value: null }],
    };
    const session = await right(answerJson({ ...SESSION, Status: 'SUSPENDED', Checks: [check] }).viewIdvSession('idnver_1' as MangopayId));
    expect(session.status).toEqual({ unrecognized: 'SUSPENDED' });
    expect(session.checks[0]).toMatchObject({
      type: { unrecognized: 'IDV_AGE_CHECK' },
      status: { unrecognized: 'REVIEW' },
      data: [{ type: { unrecognized: 'AGE_BRACKET' }, value: 'ADULT' }],
      refusals: [{ reason: { unrecognized: 'UNDERAGE' }, description: null }],
    });
    const user = await right(
      answerJson({ Id: 'user_l_1', CreationDate: 1, PersonType: 'LEGAL', LegalPersonType: 'COOPERATIVE', UserCategory: 'OWNER', KYCLevel: 'LIGHT' }).viewUser(
        'user_l_1' as MangopayId,
      ),
    );
    // PARTNERSHIP is known since Mangopay added it (2022); a type Mangopay may add next is kept as it is.
    expect(user).toMatchObject({ personType: 'LEGAL', legalPersonType: { unrecognized: 'COOPERATIVE' } });
  });

  it('an answer that does not decode is MANGOPAY_RESPONSE_INVALID naming the path, never the value', async () => {
    const error = await left(
      answerJson({ Id: 'user_m_1', PersonType: 'NATURAL', KYCLevel: 'LIGHT', FirstName: 'Grace', CreationDate: 'Hopper 1906-12-09' }).viewUser(
        'user_m_1' as MangopayId,
      ),
    );
    expect(error).toMatchObject({ type: 'MANGOPAY_RESPONSE_INVALID', status: 200 });
    expect(error.type === 'MANGOPAY_RESPONSE_INVALID' ? error.faults.map((fault) => fault.path) : []).toEqual(['CreationDate']);
    expect(JSON.stringify(error)).not.toContain('Hopper');
  });

  it("an Id in Mangopay's answer that would change a path (`.`, `..`) is MANGOPAY_RESPONSE_INVALID naming the field, and is never put in a path", async () => {
    const sent: string[] = [];
    const recording = (body: unknown) =>
      fakeClient((url) => {
        sent.push(url);
        return Response.json(body);
      });
    // Without inline checks the client reads them at /identity-verifications/<Id>/checks: `..` would make that /checks.
    const session = await left(recording({ ...SESSION, Id: '..', Status: 'VALIDATED' }).viewIdvSession('idnver_1' as MangopayId));
    expect(session).toMatchObject({ type: 'MANGOPAY_RESPONSE_INVALID', faults: [{ path: 'Id', rule: 'MangopayId' }] });
    expect(sent).toEqual(['https://api.example/v2.01/c/identity-verifications/idnver_1']);
    const document = { Id: 'doc_1', UserId: '.', Type: 'IDENTITY_PROOF', Status: 'CREATED', CreationDate: 1_700_000_000 };
    expect(await left(recording(document).viewKycDocument('doc_1' as MangopayId))).toMatchObject({
      type: 'MANGOPAY_RESPONSE_INVALID',
      faults: [{ path: 'UserId', rule: 'MangopayId' }],
    });
    const check = { CheckId: '..', Type: 'IDENTITY_DOCUMENT_VERIFICATION', CheckStatus: 'VALIDATED', CreationDate: 1, LastUpdate: 1 };
    expect(await left(recording({ ...SESSION, Status: 'VALIDATED', Checks: [check] }).viewIdvSession('idnver_1' as MangopayId))).toMatchObject({
      type: 'MANGOPAY_RESPONSE_INVALID',
      // An optional field's faults are reported on the field as a whole (faultsOf stops at a union).
      faults: [{ path: 'Checks' }],
    });
  });

  it('an id argument that would change a path is refused before anything is sent', async () => {
    const sent: string[] = [];
    const api = fakeClient((url) => {
      sent.push(url);
      return Response.json({});
    });
    for (const id of ['.', '..']) {
      expect(await left(api.viewUser(id as MangopayId))).toMatchObject({ type: 'INVALID_INPUT', faults: [{ rule: 'MangopayId' }] });
      expect(await left(api.viewKycDocument(id as MangopayId))).toMatchObject({ type: 'INVALID_INPUT' });
      expect(await left(api.viewIdvSession(id as MangopayId))).toMatchObject({ type: 'INVALID_INPUT' });
    }
    expect(sent).toEqual([]);
  });

  it('an answer that is not JSON, or a list without its totals, is MANGOPAY_RESPONSE_INVALID', async () => {
    const notJson = fakeClient(() => new Response('<html>oops</html>', { status: 200 }));
    expect(await left(notJson.viewUser('user_m_1' as MangopayId))).toMatchObject({ type: 'MANGOPAY_RESPONSE_INVALID', faults: [{ path: '(root)', rule: 'JSON' }] });
    const noTotals = answerJson([]);
    expect(await left(noTotals.listHooks())).toMatchObject({
      type: 'MANGOPAY_RESPONSE_INVALID',
      faults: [{ path: 'headers.x-number-of-items' }, { path: 'headers.x-number-of-pages' }],
    });
  });

  it("Mangopay's error body becomes a typed refusal with its fields", async () => {
    const api = fakeClient(() =>
      Response.json(
        { Message: 'One or several required parameters are missing or incorrect.', Type: 'param_error', Id: 'abc#1', Date: 1_700_000_000, errors: { Tag: 'too long' } },
        { status: 400 },
      ),
    );
    expect(await left(api.createIdvSession({ userId: 'user_m_1' as MangopayId, returnUrl: RETURN_URL }, freshKey()))).toEqual({
      type: 'MANGOPAY_REQUEST_REFUSED',
      message: 'Mangopay refused the request: HTTP 400 param_error (fields: Tag)',
      status: 400,
      mangopay: { message: 'One or several required parameters are missing or incorrect.', type: 'param_error', id: 'abc#1', date: 1_700_000_000, errors: { Tag: 'too long' } },
    });
  });
});
