import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttpDemo } from '../../src/adapters/cli/demo/http-demo.js';
import { simulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import {
  buildKycRuntime,
  startKycService,
  type EventStoreLocation,
  type RunningKycService,
} from '../../src/adapters/composition-root/index.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { localSimulatorCredentials } from '../support/local-simulator.js';

/**
 * The reference service end to end over HTTP: the platform's calls, Mangopay's outcomes arriving only as
 * hooks from the simulator, lists from the read model, timelines from the log. Run on SQLite and PostgreSQL.
 */
const serviceSuite = (name: string, location: () => EventStoreLocation) => {
  let service: RunningKycService;
  let simulator: MangopaySimulator;
  const lines: string[] = [];
  const get = async (path: string, authorization = `Bearer ${API_KEY}`) => {
    const answer = await fetch(`${service.url}${path}`, { headers: { authorization } });
    return { status: answer.status, headers: answer.headers, body: (await answer.json()) as any };
  };
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json()) as any };
  };

  describe(`the service on ${name}`, () => {
    beforeAll(async () => {
      const runtime = await buildKycRuntime(serviceConfigForTests(location(), directory, [API_KEY, NEXT_API_KEY]))();
      if (E.isLeft(runtime)) throw new Error(runtime.left.message);
      simulator = runtime.right.mangopay.simulator as MangopaySimulator;
      service = await startKycService(runtime.right);
      await runHttpDemo({
        serviceUrl: service.url,
        simulator: simulatorPlatformClient(simulator.baseUrl, localSimulatorCredentials(runtime.right).clientId, localSimulatorCredentials(runtime.right).apiKey),
        print: (text) => lines.push(text),
        apiKey: API_KEY,
      });
    }, 60_000);
    afterAll(async () => {
      await service?.stop();
    });

    it('follows every outcome Mangopay sends through its hooks, and prints the timelines', () => {
      const output = lines.join('\n');
      expect(output).toMatch(/IDENTITY_PROOF \S+: VALIDATED/);
      expect(output).toMatch(/ADDRESS_PROOF \S+: REFUSED/);
      expect(output).toMatch(/IDV session \S+: VALIDATED through the hosted page/);
      expect(output).toContain('[mangopay] REFUSED by Mangopay: DOCUMENT_UNREADABLE');
      expect(output).toContain('KYC level LIGHT → REGULAR');
    });

    it("lists documents from the read model with seed 002's filters and Mangopay's pagination headers", async () => {
      const all = await get('/kyc/documents?Per_Page=1&Sort=CreationDate:ASC');
      expect(all.status).toBe(200);
      expect(all.headers.get('x-number-of-items')).toBe('2');
      expect(all.headers.get('x-number-of-pages')).toBe('2');
      expect(all.body[0].Type).toBe('IDENTITY_PROOF');
      const refused = await get('/kyc/documents?Status=REFUSED,OUT_OF_DATE&Type=ADDRESS_PROOF');
      expect(refused.body.map((d: { Status: string }) => d.Status)).toEqual(['REFUSED']);
      const userId = all.body[0].UserId as string;
      const mine = await get(`/users/${userId}/kyc/documents?Sort=CreationDate:DESC`);
      expect(mine.body.map((d: { Type: string }) => d.Type)).toEqual(['ADDRESS_PROOF', 'IDENTITY_PROOF']);
      const none = await get(`/users/${userId}/kyc/documents?BeforeDate=0`);
      expect(none.body).toEqual([]);
      const level = await get(`/users/${userId}/kyc`);
      expect(level.body).toMatchObject({ KYCLevel: 'REGULAR', MissingForRegular: [] });
    });

    it('answers bad input with a 400 naming the field and rule, never the value', async () => {
      const list = await get('/kyc/documents?Status=SUCCEEDED&Per_Page=1000');
      expect(list.status).toBe(400);
      expect(list.body.faults.map((f: { path: string }) => f.path).sort()).toEqual(['Per_Page', 'Status']);
      const document = (await get('/kyc/documents?Per_Page=1')).body[0];
      const tag = `SECRET-${'x'.repeat(300)}`;
      const created = await send('POST', `/users/${document.UserId}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: tag });
      expect(created).toMatchObject({ status: 400, body: { type: 'INVALID_INPUT', faults: [{ path: 'Tag', rule: 'text of at most 255 characters, without NUL or lone surrogates' }] } });
      expect(JSON.stringify(created.body)).not.toContain('SECRET');
      const malformed = await send('POST', `/users/${document.UserId}/kyc/documents`, '{"Type": ');
      expect(malformed.status).toBe(400);
      const page = await send('POST', `/users/${document.UserId}/kyc/documents/${document.Id}/pages`, { File: 'data:image/png;base64,AAAA' });
      expect(page).toMatchObject({ status: 400, body: { type: 'PAGES_ONLY_WHILE_CREATED' } });
    });

    it('makes a retried request with the same Idempotency-Key create nothing new', async () => {
      const document = (await get('/kyc/documents?Per_Page=1')).body[0];
      const first = await send('POST', `/users/${document.UserId}/kyc/documents`, { Type: 'REGISTRATION_PROOF' }, { 'idempotency-key': 'e2e-retry-1' });
      const again = await send('POST', `/users/${document.UserId}/kyc/documents`, { Type: 'REGISTRATION_PROOF' }, { 'idempotency-key': 'e2e-retry-1' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.Id).toBe(first.body.Id);
    });

    it('serves health and readiness to anyone, everything else only with one of the API keys', async () => {
      expect((await get('/health', '')).body.status).toBe('ok');
      expect((await get('/ready', '')).status).toBe(200);
      expect((await get('/openapi.json')).body.openapi).toBe('3.1.0');
      for (const authorization of ['', 'Bearer wrong', `Basic ${API_KEY}`, `Bearer ${API_KEY}x`]) {
        const refused = await get('/kyc/documents', authorization);
        expect(refused.status).toBe(401);
        expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      }
      expect((await get('/kyc/documents', `Bearer ${NEXT_API_KEY}`)).status).toBe(200);
    });

    it('writes nothing for a request without a valid key', async () => {
      const before = (await get('/kyc/documents?Per_Page=1')).headers.get('x-number-of-items');
      const userId = (await get('/kyc/documents?Per_Page=1')).body[0].UserId as string;
      const refused = await fetch(`${service.url}/users/${userId}/kyc/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key' },
        body: JSON.stringify({ Type: 'IDENTITY_PROOF' }),
      });
      expect(refused.status).toBe(401);
      expect((await get('/kyc/documents?Per_Page=1')).headers.get('x-number-of-items')).toBe(before);
    });
  });
};

const API_KEY = 'e2e-key-0123456789abcdef0123456789abcdef';
const NEXT_API_KEY = 'e2e-next-key-0123456789abcdef0123456789ab';
const directory = mkdtempSync(join(tmpdir(), 'kyc-e2e-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
serviceSuite('SQLite', () => ({ kind: 'sqlite', filename: join(directory, 'kyc.sqlite') }));

const postgres = await postgresForTests('service-e2e');
const database = `kyc_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
postgres.describe('PostgreSQL', () => {
  beforeAll(async () => {
    await postgres.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const url = new URL(postgres.connectionString);
  url.pathname = `/${database}`;
  serviceSuite('PostgreSQL', () => ({ kind: 'postgres', connectionString: url.toString() }));
});
