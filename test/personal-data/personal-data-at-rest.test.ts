import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorPlatformClient, type SimulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import {
  buildKycRuntime,
  startKycService,
  type EventStoreLocation,
  type KycRuntime,
  type RunningKycService,
} from '../../src/adapters/composition-root/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { localSimulatorCredentials } from '../support/local-simulator.js';

/**
 * What is at rest after real traffic through the whole stack (REST API, simulator, hooks, inbox, read
 * models): personal values appear nowhere in clear, document bytes appear nowhere at all, and after an
 * erasure the user's key is gone from storage while the events still read, as erased.
 */
const API_KEY = 'at-rest-key-0123456789abcdef0123456789abcdef';

interface Traffic {
  /** Distinctive personal values the platform sent (names, company data, an agent's refusal note). */
  readonly personalValues: ReadonlyArray<string>;
  readonly pageBytes: Buffer;
  readonly legalUserId: string;
  readonly sessionId: string;
  readonly documentId: string;
}

/** The places where a 64-byte window of `bytes` would have to show: every aligned 32-byte chunk, raw, hex and base64. */
const windowProbes = (bytes: Buffer): ReadonlyArray<{ readonly form: string; readonly needle: Buffer }> => {
  const probes: Array<{ form: string; needle: Buffer }> = [];
  // Any 64-byte window contains a whole 32-byte chunk starting at a multiple of 32.
  for (let at = 0; at + 32 <= bytes.length; at += 32) {
    const chunk = bytes.subarray(at, at + 32);
    probes.push({ form: 'raw', needle: Buffer.from(chunk) }, { form: 'hex', needle: Buffer.from(chunk.toString('hex')) });
  }
  // In base64 a 64-byte window is 86 characters, which contain a whole 44-character group-aligned run.
  const base64 = bytes.toString('base64');
  for (let at = 0; at + 44 <= base64.length; at += 44) probes.push({ form: 'base64', needle: Buffer.from(base64.slice(at, at + 44)) });
  return probes;
};

const found = (haystacks: ReadonlyArray<{ readonly name: string; readonly bytes: Buffer }>, needles: ReadonlyArray<Buffer>): ReadonlyArray<string> =>
  haystacks.flatMap(({ name, bytes }) => needles.filter((needle) => bytes.includes(needle)).map((needle) => `${name}: ${needle.toString('utf8').slice(0, 20)}…`));

const pngPage = (size: number): Buffer => {
  const bytes = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
};

const drive = async (service: RunningKycService, simulator: SimulatorPlatformClient): Promise<Traffic> => {
  const tag = randomBytes(6).toString('hex');
  const call = async (method: string, path: string, body?: object): Promise<any> => {
    const answer = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text.slice(0, 200)}`);
    return answer.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text;
  };
  const waitFor = async (path: string, status: string) => {
    for (let attempt = 0; attempt < 300; attempt++) {
      if ((await call('GET', path)).Status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${path} never reached ${status}`);
  };

  const legal = {
    Name: `Quillmarsh ${tag} Holdings`,
    CompanyNumber: `QMH${tag}`,
    LegalRepresentativeFirstName: `Zephyrine${tag}`,
    LegalRepresentativeLastName: `Ottoleng${tag}`,
  };
  const legalUserId = await simulator.createBusinessOwner(legal);
  const session = await call('POST', `/users/${legalUserId}/identity-verifications`, { ReturnUrl: 'https://platform.example/return' });
  await simulator.completeHostedSession(session.HostedUrl, 'validate');
  await waitFor(`/identity-verifications/${session.Id}`, 'VALIDATED');

  const natural = await simulator.createNaturalOwner({ FirstName: `Amaryllis${tag}`, LastName: `Vantongeren${tag}` });
  const pageBytes = pngPage(16 * 1024);
  const document = await call('POST', `/users/${natural}/kyc/documents`, { Type: 'ADDRESS_PROOF' });
  await call('POST', `/users/${natural}/kyc/documents/${document.Id}/pages`, { File: pageBytes.toString('base64') });
  await call('PUT', `/users/${natural}/kyc/documents/${document.Id}`, { Status: 'VALIDATION_ASKED' });
  const agentNote = `Agent note ${tag}: name on the bill differs`;
  await simulator.settleDocument(document.Id, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: agentNote });
  await waitFor(`/kyc/documents/${document.Id}`, 'REFUSED');

  // The service reads back what it sealed: the platform still sees the values.
  const view = await call('GET', `/identity-verifications/${session.Id}`);
  expect(JSON.stringify(view)).toContain(legal.LegalRepresentativeFirstName);
  expect((await call('GET', `/kyc/documents/${document.Id}`)).RefusedReasonMessage).toBe(agentNote);

  return {
    personalValues: [...Object.values(legal), `Amaryllis${tag}`, `Vantongeren${tag}`, agentNote],
    pageBytes,
    legalUserId,
    sessionId: session.Id,
    documentId: document.Id,
  };
};

const atRestSuite = (
  name: string,
  location: () => EventStoreLocation,
  storage: () => Promise<ReadonlyArray<{ readonly name: string; readonly bytes: Buffer }>>,
  keyMaterialOf: (userId: string) => Promise<Buffer | undefined>,
  /** What the scan must cover, so that "found nowhere" cannot come from a store left out. */
  mustScan: ReadonlyArray<string>,
) =>
  describe(`what is at rest on ${name}`, () => {
    const dataDir = temporaryDirectory('at-rest-data');
    let runtime: KycRuntime;
    let service: RunningKycService;
    let traffic: Traffic;
    let keyMaterial: Buffer | undefined;

    beforeAll(async () => {
      const built = await buildKycRuntime(serviceConfigForTests(location(), dataDir.path, [API_KEY]))();
      if (E.isLeft(built)) throw new Error(built.left.message);
      runtime = built.right;
      service = await startKycService(runtime);
      const simulator = runtime.mangopay.simulator;
      if (simulator === undefined) throw new Error('the in-process simulator did not start');
      traffic = await drive(service, simulatorPlatformClient(simulator.baseUrl, localSimulatorCredentials(runtime).clientId, localSimulatorCredentials(runtime).apiKey));
      keyMaterial = await keyMaterialOf(traffic.legalUserId);
    }, 60_000);
    afterAll(async () => {
      await service?.stop();
      dataDir.remove();
    });

    it('scans every store: events, keys, read model, webhook inbox, checkpoints (and the SQLite WAL)', async () => {
      const scanned = (await storage()).map((store) => store.name);
      expect(scanned).toEqual(expect.arrayContaining([...mustScan]));
    });

    it('holds no personal value in clear, in any file or table', async () => {
      const needles = traffic.personalValues.map((value) => Buffer.from(value));
      expect(found(await storage(), needles)).toEqual([]);
    });

    it('holds no 64-byte window of an uploaded page, raw, hex or base64', async () => {
      const probes = windowProbes(traffic.pageBytes);
      expect(probes.length).toBeGreaterThan(1000);
      // The probes do find an unaligned 64-byte window, in each form, when one is there.
      const window = traffic.pageBytes.subarray(5, 69);
      for (const form of [window, Buffer.from(window.toString('hex')), Buffer.from(traffic.pageBytes.subarray(3, 3 + 96).toString('base64'))]) {
        const control = { name: 'control', bytes: Buffer.concat([randomBytes(100), form, randomBytes(100)]) };
        expect(found([control], probes.map((p) => p.needle)).length).toBeGreaterThan(0);
      }
      expect(found(await storage(), probes.map((p) => p.needle))).toEqual([]);
    });

    it('refuses erasure before the end of retention, then a forced erasure destroys the key and is recorded', async () => {
      expect(keyMaterial?.length ?? 0).toBeGreaterThan(0);
      const request = { commandId: `erase-${traffic.legalUserId}` as CommandId, userId: traffic.legalUserId as MangopayId, erasedBy: 'dpo-1' as never, reason: 'GDPR request 42' as never };
      const refused = await runtime.erase(request)();
      expect(E.isLeft(refused) && refused.left.type).toBe('RETENTION_PERIOD_NOT_OVER');

      const forced = await runtime.erase({ ...request, force: true })();
      expect(E.isRight(forced) && forced.right).toMatchObject({ recordedNow: true, erasure: { forced: true, erasedBy: 'dpo-1' } });

      // The events still read: the session shows its checks, their personal values as erased.
      const view = await fetch(`${service.url}/identity-verifications/${traffic.sessionId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(view.status).toBe(200);
      const body = (await view.json()) as { Status: string };
      expect(body.Status).toBe('VALIDATED');
      expect(JSON.stringify(body)).not.toContain('Zephyrine');
      const timeline = await fetch(`${service.url}/audit/UserKyc-${traffic.legalUserId}?format=text`, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(await timeline.text()).toMatch(/erase/i);

      const material = keyMaterial as Buffer;
      expect(found(await storage(), [material, Buffer.from(material.toString('base64')), Buffer.from(material.toString('hex'))])).toEqual([]);
      expect(found(await storage(), traffic.personalValues.map((value) => Buffer.from(value)))).toEqual([]);
    });
  });

const sqliteDirectory = temporaryDirectory('at-rest-sqlite');
afterAll(() => sqliteDirectory.remove());
const sqliteFile = join(sqliteDirectory.path, 'kyc.sqlite');
atRestSuite(
  'SQLite',
  () => ({ kind: 'sqlite', filename: sqliteFile }),
  async () => readdirSync(sqliteDirectory.path).map((name) => ({ name, bytes: readFileSync(join(sqliteDirectory.path, name)) })),
  async (userId) => {
    const { default: Database } = await import('better-sqlite3');
    const database = new Database(sqliteFile, { readonly: true });
    try {
      const row = database.prepare('SELECT material FROM personal_data_keys WHERE subject = ?').get(userId) as { material: Buffer | null } | undefined;
      return row?.material ?? undefined;
    } finally {
      database.close();
    }
  },
  // One file holds every SQLite store; while the service runs, recent pages are in the WAL.
  ['kyc.sqlite', 'kyc.sqlite-wal'],
);

const postgres = await postgresForTests('personal-data-at-rest');
const database = `kyc_at_rest_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
postgres.describe('PostgreSQL', () => {
  const url = new URL(postgres.connectionString);
  url.pathname = `/${database}`;
  beforeAll(async () => {
    await postgres.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const inDatabase = async <T>(work: (client: import('pg').Client) => Promise<T>): Promise<T> => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  atRestSuite(
    'PostgreSQL',
    () => ({ kind: 'postgres', connectionString: url.toString() }),
    // Every row of every table of the database, as text (bytea shows as hex there).
    () =>
      inDatabase(async (client) => {
        const tables = await client.query<{ schema: string; name: string }>(
          `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
           WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
        );
        const dumps = [];
        for (const { schema, name } of tables.rows) {
          const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
          dumps.push({ name: `${schema}.${name}`, bytes: Buffer.from(rows.rows.map((r) => r.row).join('\n')) });
        }
        return dumps;
      }),
    (userId) =>
      inDatabase(async (client) => {
        const rows = await client.query<{ material: Buffer | null }>('SELECT material FROM kyc_events.personal_data_keys WHERE subject = $1', [userId]);
        return rows.rows[0]?.material ?? undefined;
      }),
    [
      'kyc_events.events',
      'kyc_events.personal_data_keys',
      'kyc_read_model.read_kyc_documents',
      'kyc_read_model.read_idv_sessions',
      'kyc_read_model.read_users',
      'kyc_read_model.projection_checkpoints',
      'kyc_inbox.webhook_inbox',
    ],
  );
});
