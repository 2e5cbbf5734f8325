import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildKycRuntime } from '../../src/adapters/composition-root/index.js';
import { openApiDocument } from '../../src/adapters/http-service/index.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { localSimulatorCredentials } from '../support/local-simulator.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * Nothing guessable in the default setup, and nothing internal on an open route: the in-process simulator's
 * credentials are new at every start, its hosted page opens only with the session's own random token, and the
 * routes without an API key (health, readiness, Mangopay's hooks, anything unknown) never name an internal URL.
 */
const KEY = 'open-routes-key-0123456789abcdef0123456789abcd';

describe('open routes', () => {
  let service: ServiceUnderTest;
  let secrets: ReadonlyArray<string>;
  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'silent' });
    const simulator = service.runtime.mangopay.simulator;
    const { clientId, apiKey } = localSimulatorCredentials(service.runtime);
    const url = new URL(simulator?.baseUrl ?? 'http://invalid');
    secrets = [url.href.replace(/\/$/, ''), url.host, `:${url.port}`, clientId, apiKey];
  }, 30_000);
  afterAll(() => service?.close());

  const openPaths = Object.entries(openApiDocument.paths as unknown as Record<string, Record<string, { readonly security?: ReadonlyArray<unknown> }>>)
    .filter(([, operations]) => Object.values(operations).some((operation) => Array.isArray(operation.security) && operation.security.length === 0))
    .map(([path]) => path);

  it('the open routes are /health, /ready and the webhook (the document and the service agree)', () => {
    expect(openPaths.sort()).toEqual(['/health', '/ready', '/webhooks/mangopay'].sort());
  });

  it('no open answer names the simulator (URL, host, port) or its credentials: every open route, any method, and unknown routes', async () => {
    const requests = [
      ...(['GET', 'HEAD', 'POST', 'OPTIONS'] as const).flatMap((method) => ['/health', '/ready', service.webhookPath, `${service.webhookPath}?EventType=KYC_CREATED&RessourceId=x&Date=1`].map((url) => ({ method, url }))),
      { method: 'GET', url: '/no-such-route' },
      { method: 'GET', url: '/simulator' },
      { method: 'GET', url: '/openapi.json' },
      { method: 'GET', url: '/kyc/documents' },
    ] as const;
    for (const request of requests) {
      const answer = await service.app.inject({ method: request.method, url: request.url });
      const seen = `${JSON.stringify(answer.headers)}\n${answer.body}`;
      for (const secret of secrets) expect(seen, `${request.method} ${request.url}`).not.toContain(secret);
    }
  });

  it('/health says only that the service answers', async () => {
    const answer = await service.app.inject({ method: 'GET', url: '/health' });
    expect(answer.json()).toEqual({ status: 'ok' });
  });

  it('the simulator is found behind the API key only (GET /simulator), as `kyc demo --url` asks for it', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/simulator' })).statusCode).toBe(401);
    const answer = await service.app.inject({ method: 'GET', url: '/simulator', headers: { authorization: `Bearer ${KEY}` } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ url: service.runtime.mangopay.simulator?.baseUrl, ...localSimulatorCredentials(service.runtime) });
  });
});

describe('the in-process simulator', () => {
  it('has new, random credentials at every start', async () => {
    const folder = temporaryDirectory('simulator-credentials');
    try {
      const started = [];
      for (let n = 0; n < 2; n++) {
        const runtime = await buildKycRuntime(serviceConfigForTests({ kind: 'memory' }, folder.path, [KEY]))();
        if (E.isLeft(runtime)) throw new Error(runtime.left.message);
        started.push(localSimulatorCredentials(runtime.right));
        await runtime.right.close();
      }
      const [first, second] = started;
      expect(first?.clientId).not.toBe(second?.clientId);
      expect(first?.apiKey).not.toBe(second?.apiKey);
      for (const credentials of started) {
        expect(credentials.apiKey.length).toBeGreaterThanOrEqual(32);
        expect([credentials.clientId, credentials.apiKey]).not.toContain('kyc-core-local');
        expect(credentials.apiKey).not.toBe('local-simulator-key');
      }
    } finally {
      folder.remove();
    }
  });

  it("serves a session's hosted page only with the session's own token: not by its id alone, nor with another token", async () => {
    const service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'silent' });
    try {
      const userId = await service.platform.createNaturalOwner();
      const start = (n: number) =>
        service.app.inject({
          method: 'POST',
          url: `/users/${userId}/identity-verifications`,
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': `hosted-token-${n}` },
          payload: { ReturnUrl: 'https://platform.example/back' },
        });
      const [one, two] = [(await start(1)).json(), (await start(2)).json()] as Array<{ readonly Id: string; readonly HostedUrl: string }>;
      const token = (hostedUrl: string) => hostedUrl.slice(hostedUrl.lastIndexOf('/') + 1);
      expect(token(one!.HostedUrl)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(token(one!.HostedUrl)).not.toBe(token(two!.HostedUrl));
      expect((await fetch(one!.HostedUrl)).status).toBe(200);
      const base = one!.HostedUrl.slice(0, one!.HostedUrl.lastIndexOf('/'));
      for (const forged of [base, `${base}/`, `${base}/${token(two!.HostedUrl)}`, `${base}/${token(one!.HostedUrl).slice(1)}`]) {
        expect((await fetch(forged)).status, forged.replace(base, '<session>')).toBe(404);
        const pressed = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=validate', redirect: 'manual' });
        expect(pressed.status).toBe(404);
      }
      // Nothing the forged links pressed settled the session.
      const seen = await service.app.inject({ method: 'GET', url: `/identity-verifications/${one!.Id}`, headers: { authorization: `Bearer ${KEY}` } });
      expect(seen.json()).toMatchObject({ Status: 'PENDING' });
    } finally {
      await service.close();
    }
  });
});
