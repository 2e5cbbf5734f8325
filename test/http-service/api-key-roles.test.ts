import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorPlatformClient, type SimulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import { buildKycRuntime, startKycService, type KycRuntime, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import { createHttpServer, ROUTE_ROLES } from '../../src/adapters/http-service/index.js';
import { apiKeyIdOf, type ApiKeyRole } from '../../src/adapters/shared/http/index.js';
import { pageFile } from '../support/page-files.js';
import { localSimulatorCredentials } from '../support/local-simulator.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { startServiceUnderTest } from '../support/service-under-test.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * API keys have roles: every route behind a key, called with no key, a platform key and an auditor key, answers
 * as ROUTE_ROLES says (2xx, 403 ROLE_REQUIRED naming the roles, 401); an auditor is never shown a personal value.
 */
const PLATFORM_KEY = 'roles-platform-key-0123456789abcdef0123456789';
const AUDITOR_KEY = 'roles-auditor-key-0123456789abcdef01234567890';
const KEYS = [PLATFORM_KEY, { key: AUDITOR_KEY, role: 'auditor' as const }];
const KEY_OF: { readonly [R in ApiKeyRole]: string } = { platform: PLATFORM_KEY, auditor: AUDITOR_KEY };

type Caller = ApiKeyRole | 'no key';
interface Answer {
  readonly status: number;
  readonly text: string;
  readonly json: any;
}

describe('API keys with roles, against the running service', () => {
  const data = temporaryDirectory('api-key-roles');
  let runtime: KycRuntime;
  let service: RunningKycService;
  let simulator: SimulatorPlatformClient;

  const call = async (caller: Caller, method: string, path: string, body?: object): Promise<Answer> => {
    const answer = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(caller === 'no key' ? {} : { authorization: `Bearer ${KEY_OF[caller]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: answer.status, text, json };
  };
  const waitFor = async (path: string, done: (answer: Answer) => boolean) => {
    for (let attempt = 0; attempt < 400; attempt++) {
      if (done(await call('platform', 'GET', path))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${path} never got there`);
  };
  const eventCount = async (): Promise<number> => {
    const read = await runtime.core.store.readAll({ maxCount: 100_000 })();
    if (E.isLeft(read)) throw new Error(read.left.message);
    return read.right.length;
  };

  // What each route is called with; ids are filled in as the platform's calls create what they name.
  const ids = { natural: '', legal: '', createdDocument: '', pagedDocument: '', submittedDocument: '', session: '' };
  const legal = { Name: 'Quillmarsh Roles Holdings', CompanyNumber: 'QMHROLES77', LegalRepresentativeFirstName: 'Zephyrinerole', LegalRepresentativeLastName: 'Ottolengrole' };
  const agentNote = 'Agent note for roles: the name on the bill is Zephyrinerole';
  const samples: Readonly<Record<string, () => { readonly method: string; readonly path: string; readonly body?: object }>> = {
    'GET /openapi.json': () => ({ method: 'GET', path: '/openapi.json' }),
    'POST /users/:userId/kyc/documents': () => ({ method: 'POST', path: `/users/${ids.natural}/kyc/documents`, body: { Type: 'IDENTITY_PROOF' } }),
    'GET /users/:userId/kyc/documents': () => ({ method: 'GET', path: `/users/${ids.natural}/kyc/documents` }),
    'POST /users/:userId/kyc/documents/:documentId/pages': () => ({
      method: 'POST',
      path: `/users/${ids.natural}/kyc/documents/${ids.pagedDocument}/pages`,
      body: { File: pageFile('PNG', 1100) },
    }),
    'PUT /users/:userId/kyc/documents/:documentId': () => ({ method: 'PUT', path: `/users/${ids.natural}/kyc/documents/${ids.submittedDocument}`, body: { Status: 'VALIDATION_ASKED' } }),
    'GET /kyc/documents/:documentId': () => ({ method: 'GET', path: `/kyc/documents/${ids.submittedDocument}` }),
    'GET /kyc/documents': () => ({ method: 'GET', path: '/kyc/documents' }),
    'POST /users/:userId/identity-verifications': () => ({ method: 'POST', path: `/users/${ids.legal}/identity-verifications`, body: { ReturnUrl: 'https://platform.example/return' } }),
    'GET /users/:userId/identity-verifications': () => ({ method: 'GET', path: `/users/${ids.legal}/identity-verifications` }),
    'GET /identity-verifications/:sessionId': () => ({ method: 'GET', path: `/identity-verifications/${ids.session}` }),
    'GET /users/:userId/kyc': () => ({ method: 'GET', path: `/users/${ids.natural}/kyc` }),
    'GET /audit/:stream': () => ({ method: 'GET', path: `/audit/KycDocument-${ids.submittedDocument}` }),
    'GET /metrics': () => ({ method: 'GET', path: '/metrics' }),
    'GET /simulator': () => ({ method: 'GET', path: '/simulator' }),
  };
  const behindAKey = Object.entries(ROUTE_ROLES).filter(([, access]) => access !== 'public');
  const writes = behindAKey.filter(([route]) => !route.startsWith('GET '));
  const reads = behindAKey.filter(([route]) => route.startsWith('GET '));

  beforeAll(async () => {
    const built = await buildKycRuntime(serviceConfigForTests({ kind: 'memory' }, data.path, KEYS))();
    if (E.isLeft(built)) throw new Error(built.left.message);
    runtime = built.right;
    service = await startKycService(runtime);
    const mangopay = runtime.mangopay.simulator;
    if (mangopay === undefined) throw new Error('the in-process simulator did not start');
    const credentials = localSimulatorCredentials(runtime);
    simulator = simulatorPlatformClient(mangopay.baseUrl, credentials.clientId, credentials.apiKey);
    ids.natural = await simulator.createNaturalOwner();
    ids.legal = await simulator.createBusinessOwner(legal);
    const create = async () => (await call('platform', 'POST', `/users/${ids.natural}/kyc/documents`, { Type: 'ADDRESS_PROOF' })).json.Id as string;
    ids.pagedDocument = await create();
    ids.submittedDocument = await create();
    await call('platform', 'POST', `/users/${ids.natural}/kyc/documents/${ids.submittedDocument}/pages`, { File: pageFile('PNG', 1100) });
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    data.remove();
  });

  it('says at start which keys it takes, by id and role, never a key', () => {
    const said = runtime.description.join('\n');
    expect(said).toContain(`API keys: 2 configured (KYC_API_KEYS): ${apiKeyIdOf(PLATFORM_KEY)} (platform), ${apiKeyIdOf(AUDITOR_KEY)} (auditor)`);
    for (const key of [PLATFORM_KEY, AUDITOR_KEY]) expect(said).not.toContain(key);
  });

  it('has a sample request for every route behind a key (a route added to ROUTE_ROLES is added here)', () => {
    expect(behindAKey.map(([route]) => route).filter((route) => samples[route] === undefined)).toEqual([]);
  });

  it('refuses every write to an auditor key (403 ROLE_REQUIRED naming the roles) and to no key (401), before reading the body, writing nothing', async () => {
    const before = await eventCount();
    for (const [route, access] of writes) {
      const sample = (samples[route] as () => { method: string; path: string; body?: object })();
      const auditor = await call('auditor', sample.method, sample.path, sample.body);
      expect({ route, status: auditor.status, body: auditor.json }).toEqual({
        route,
        status: 403,
        body: { type: 'ROLE_REQUIRED', message: "This route needs an API key with the role platform; this key's role is auditor", requiredRoles: access },
      });
      expect(auditor.text).not.toContain(AUDITOR_KEY);
      const anonymous = await call('no key', sample.method, sample.path, sample.body);
      expect({ route, status: anonymous.status, type: anonymous.json.type }).toEqual({ route, status: 401, type: 'UNAUTHENTICATED' });
      // Refused before the body is read: what it holds does not matter.
      const garbled = await fetch(`${service.url}${sample.path}`, { method: sample.method, headers: { authorization: `Bearer ${AUDITOR_KEY}`, 'content-type': 'application/json' }, body: '{not json' });
      expect({ route, status: garbled.status }).toEqual({ route, status: 403 });
    }
    expect(await eventCount()).toBe(before);
  });

  it('lets a platform key do every write (2xx)', async () => {
    for (const [route] of writes) {
      const sample = (samples[route] as () => { method: string; path: string; body?: object })();
      const answer = await call('platform', sample.method, sample.path, sample.body);
      expect({ route, ok: answer.status >= 200 && answer.status < 300 }, answer.text.slice(0, 200)).toEqual({ route, ok: true });
      if (route === 'POST /users/:userId/identity-verifications') ids.session = answer.json.Id;
    }
    // The outcomes Mangopay decides, with personal data in them: a note on a refusal, a legal representative's data points.
    await simulator.settleDocument(ids.submittedDocument, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: agentNote });
    const session = (await call('platform', 'GET', `/identity-verifications/${ids.session}`)).json;
    await simulator.completeHostedSession(session.HostedUrl, 'validate');
    await waitFor(`/kyc/documents/${ids.submittedDocument}`, (answer) => answer.json?.Status === 'REFUSED');
    await waitFor(`/identity-verifications/${ids.session}`, (answer) => answer.json?.Status === 'VALIDATED');
    await waitFor(`/users/${ids.natural}/kyc`, (answer) => answer.status === 200);
  }, 60_000);

  it('lets platform and auditor keys read every view, list, timeline and the API description (2xx), and no key (401)', async () => {
    for (const [route, access] of reads) {
      const sample = (samples[route] as () => { method: string; path: string })();
      for (const role of ['platform', 'auditor'] as const) {
        const answer = await call(role, sample.method, sample.path);
        const expected = access !== 'public' && access.includes(role) ? 200 : 403;
        expect({ route, role, status: answer.status }, answer.text.slice(0, 200)).toEqual({ route, role, status: expected });
      }
      expect({ route, status: (await call('no key', sample.method, sample.path)).status }).toEqual({ route, status: 401 });
    }
  });

  it('shows the platform the personal values as recorded (so they are there to mask)', async () => {
    const session = await call('platform', 'GET', `/identity-verifications/${ids.session}`);
    expect(session.text).toContain(legal.LegalRepresentativeFirstName);
    expect((await call('platform', 'GET', `/kyc/documents/${ids.submittedDocument}`)).json.RefusedReasonMessage).toBe(agentNote);
    expect((await call('platform', 'GET', `/audit/KycDocument-${ids.submittedDocument}?format=text`)).text).toContain(agentNote);
  });

  it('never shows an auditor a personal value: data points listed by type with values masked, notes masked, in views, lists and timelines', async () => {
    const personalValues = [legal.LegalRepresentativeFirstName, legal.LegalRepresentativeLastName, legal.CompanyNumber, legal.Name, 'Zephyrinerole', 'Agent note'];
    const platformView = (await call('platform', 'GET', `/identity-verifications/${ids.session}`)).json;
    const auditorView = await call('auditor', 'GET', `/identity-verifications/${ids.session}`);
    expect(auditorView.status).toBe(200);
    const dataOf = (view: any) => view.Checks.flatMap((check: any) => check.Data);
    expect(dataOf(platformView).length).toBeGreaterThan(0);
    // As many points, of the same types, each value masked.
    expect(dataOf(auditorView.json)).toEqual(dataOf(platformView).map((point: any) => ({ Type: point.Type, Value: { masked: true } })));
    const document = await call('auditor', 'GET', `/kyc/documents/${ids.submittedDocument}`);
    expect(document.json).toMatchObject({ Status: 'REFUSED', RefusedReasonType: 'DOCUMENT_UNREADABLE', RefusedReasonMessage: { masked: true } });
    const documentTimeline = await call('auditor', 'GET', `/audit/KycDocument-${ids.submittedDocument}?format=text`);
    expect(documentTimeline.text).toContain('REFUSED by Mangopay: DOCUMENT_UNREADABLE — message masked (personal data)');
    const answers = [
      auditorView,
      document,
      documentTimeline,
      await call('auditor', 'GET', `/audit/KycDocument-${ids.submittedDocument}`),
      await call('auditor', 'GET', `/audit/IdvSession-${ids.session}`),
      await call('auditor', 'GET', `/audit/IdvSession-${ids.session}?format=text`),
      await call('auditor', 'GET', `/users/${ids.legal}/identity-verifications`),
      await call('auditor', 'GET', `/users/${ids.natural}/kyc/documents`),
      await call('auditor', 'GET', '/kyc/documents'),
      await call('auditor', 'GET', `/users/${ids.natural}/kyc`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      for (const value of personalValues) expect(answer.text, value).not.toContain(value);
    }
  });
});

describe('who used the API, in the logs', () => {
  it('names every request by the id of the key it presented, with its role decided, and never logs a key', async () => {
    const service = await startServiceUnderTest({ apiKeys: KEYS, logLevel: 'info' });
    try {
      const wrongKey = 'roles-wrong-key-0123456789abcdef0123456789abc';
      const asked = [
        { authorization: `Bearer ${PLATFORM_KEY}`, method: 'GET' as const, url: '/kyc/documents', status: 200, keyId: apiKeyIdOf(PLATFORM_KEY) },
        { authorization: `Bearer ${AUDITOR_KEY}`, method: 'GET' as const, url: '/kyc/documents', status: 200, keyId: apiKeyIdOf(AUDITOR_KEY) },
        { authorization: `Bearer ${AUDITOR_KEY}`, method: 'POST' as const, url: '/users/u1/kyc/documents', status: 403, keyId: apiKeyIdOf(AUDITOR_KEY) },
        { authorization: `Bearer ${wrongKey}`, method: 'GET' as const, url: '/kyc/documents', status: 401, keyId: undefined },
      ];
      for (const request of asked) {
        service.newLogText();
        const answer = await service.app.inject({ method: request.method, url: request.url, headers: { authorization: request.authorization, 'content-type': 'application/json' }, payload: request.method === 'POST' ? '{"Type":"IDENTITY_PROOF"}' : undefined });
        expect(answer.statusCode).toBe(request.status);
        const lines = service
          .newLogText()
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as { msg?: string; keyId?: string; res?: { statusCode?: number } });
        const incoming = lines.find((line) => line.msg === 'incoming request');
        const completed = lines.find((line) => line.msg === 'request completed');
        expect({ incoming: incoming?.keyId, completed: completed?.keyId, status: completed?.res?.statusCode }).toEqual({
          incoming: request.keyId,
          completed: request.keyId,
          status: request.status,
        });
      }
      const logs = service.logText();
      for (const key of [PLATFORM_KEY, AUDITOR_KEY, wrongKey]) expect(logs.includes(key), 'a key was logged').toBe(false);
    } finally {
      await service.close();
    }
  });
});

describe('the table of who may call each route', () => {
  it('must hold every route the service serves: a route registered without an entry stops the build', async () => {
    const app = createHttpServer({ apiKeys: [{ key: PLATFORM_KEY, role: 'platform' }], logLevel: 'silent' });
    try {
      expect(() => app.get('/undeclared-route', async () => 'served')).toThrow('The route GET /undeclared-route has no single entry in ROUTE_ROLES: declare who may call it there');
    } finally {
      await app.close();
    }
  });
});
