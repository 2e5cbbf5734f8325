import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStoreLocation } from '../../src/adapters/composition-root/index.js';
import { runKycCli, type CliRun } from '../support/kyc-cli-child.js';
import { pageFile } from '../support/page-files.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * One stored event damaged at rest (its data no longer decodes), then `kyc projections rebuild` and `kyc audit` run
 * as an operator runs them, in processes of their own, beside the running service on the same store. The rebuild
 * sets the damaged stream aside from that event on, projects every other stream, names the stream and the version,
 * and exits 2; the service lists everyone's documents before and after, and its own catch-up goes on after the switch.
 * The audit of the user prints the readable streams and names the damaged one.
 */
const KEY = 'damaged-stream-key-0123456789abcdef0123456789';
const HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
// Written into the damaged row: it must never come back in what the commands print.
const MARKER = 'MARKER-d4m4g3d-5tr34m';
const DAMAGED_DATA = JSON.stringify({ note: MARKER });

/** Overwrites an event's data, as a bad migration, a manual edit or a disk fault would. */
type Damage = (streamName: string, version: number, data: string) => Promise<void>;

/** What a rebuild built aside and did not drop (files, schemas): nothing once it is over. */
type Leftovers = () => Promise<ReadonlyArray<string>>;

const describeDamagedStream = (
  name: string,
  location: () => EventStoreLocation,
  environment: () => Record<string, string>,
  damage: () => Damage,
  leftovers: Leftovers,
) => {
  describe(`one damaged stream on ${name}`, () => {
    const data = temporaryDirectory('damaged-stream');
    let service: ServiceUnderTest;
    let victimUser: string;
    let otherUser: string;
    let damaged: string;
    let healthy: string;
    let othersDocument: string;
    let env: Record<string, string>;

    const send = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
      const answer = await service.app.inject({ method, url, headers: HEADERS, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
      return { status: answer.statusCode, body: answer.body, json: () => answer.json() as any };
    };
    /** A document with two pages, written through the API: three events. */
    const documentWithPages = async (userId: string): Promise<string> => {
      const created = await send('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' });
      expect(created.status, created.body).toBe(201);
      const id = created.json().Id as string;
      for (const size of [1100, 1200]) expect((await send('POST', `/users/${userId}/kyc/documents/${id}/pages`, { File: pageFile('PNG', size) })).status).toBe(201);
      return id;
    };
    const listed = async (url: string): Promise<ReadonlyArray<{ Id: string; Status: string }>> => {
      const page = await send('GET', url);
      expect(page.status, page.body).toBe(200);
      return page.json();
    };
    const idsOf = async (url: string) => (await listed(url)).map((d) => d.Id).sort();
    const kyc = (...args: string[]): Promise<CliRun> => runKycCli(args, env);

    beforeAll(async () => {
      env = { ...environment(), KYC_DATA_DIR: data.path, KYC_API_KEYS: KEY, LOG_LEVEL: 'silent' };
      service = await startServiceUnderTest({ apiKeys: [KEY], eventStore: location(), dataDir: data.path, logLevel: 'silent' });
      victimUser = await service.platform.createNaturalOwner();
      otherUser = await service.platform.createNaturalOwner();
      damaged = await documentWithPages(victimUser);
      healthy = await documentWithPages(victimUser);
      othersDocument = await documentWithPages(otherUser);
      expect(await idsOf('/kyc/documents?Per_Page=100')).toEqual([damaged, healthy, othersDocument].sort());
      await damage()(`KycDocument-${damaged}`, 2, DAMAGED_DATA);
    }, 60_000);
    afterAll(async () => {
      await service?.close();
      data.remove();
    });

    it('kyc audit <userId> prints the readable streams and names the damaged one with its version, exit 2', async () => {
      const audit = await kyc('audit', victimUser);
      expect(audit.code, audit.stderr).toBe(2);
      expect(audit.stdout).toContain(`KycDocument-${healthy}\n`);
      expect(audit.stdout).toMatch(new RegExp(`KycDocument-${healthy}\\n  v1 .*KycDocumentCreated`));
      expect(audit.stdout).toContain(`KycDocument-${damaged}\n  unreadable from v2:`);
      expect(audit.stderr).toContain(`KycDocument-${damaged} (event 2)`);
      expect(`${audit.stdout}${audit.stderr}`).not.toContain(MARKER);

      const json = await kyc('audit', victimUser, '--json');
      expect(json.code).toBe(2);
      const timelines = JSON.parse(json.stdout) as ReadonlyArray<{ streamName: string }>;
      expect(timelines.map((t) => t.streamName)).toContain(`KycDocument-${healthy}`);
      expect(timelines.map((t) => t.streamName)).not.toContain(`KycDocument-${damaged}`);
      expect(json.stderr).toContain(`KycDocument-${damaged} (event 2)`);
    }, 60_000);

    it('kyc projections rebuild projects every other stream, names the damaged one with its version and exits 2; the service serves all along', async () => {
      const rebuild = await kyc('projections', 'rebuild');
      expect(rebuild.code, rebuild.stderr).toBe(2);
      expect(rebuild.stdout).toContain(`KycDocument-${damaged} (event 2)`);
      expect(rebuild.stdout).toMatch(/read model rebuilt: \d+ events applied/);
      expect(rebuild.stderr).toMatch(/\d+ events/);
      expect(`${rebuild.stdout}${rebuild.stderr}`).not.toContain(MARKER);
      expect(await leftovers()).toEqual([]);

      // The other users' documents, the victim's other document, and the damaged one as it stood before its damaged event.
      expect(await idsOf('/kyc/documents?Per_Page=100')).toEqual([damaged, healthy, othersDocument].sort());
      expect(await idsOf(`/users/${otherUser}/kyc/documents`)).toEqual([othersDocument]);
      expect((await listed(`/users/${victimUser}/kyc/documents`)).find((d) => d.Id === damaged)).toMatchObject({ Status: 'CREATED' });

      // The service's own catch-up resumes from the switched checkpoint: a new document is listed, once.
      const later = await documentWithPages(otherUser);
      expect(await idsOf(`/users/${otherUser}/kyc/documents`)).toEqual([othersDocument, later].sort());
    }, 60_000);
  });
};

const sqlite = temporaryDirectory('damaged-stream-sqlite');
afterAll(() => sqlite.remove());
const sqliteFile = `${sqlite.path}/kyc.sqlite`;
describeDamagedStream(
  'SQLite',
  () => ({ kind: 'sqlite', filename: sqliteFile }),
  () => ({ KYC_EVENT_STORE: `sqlite:${sqliteFile}` }),
  () => async (stream, version, data) => {
    const raw = new Database(sqliteFile);
    raw.pragma('busy_timeout = 5000');
    try {
      expect(raw.prepare('UPDATE events SET data = ? WHERE stream_name = ? AND stream_version = ?').run(data, stream, version).changes).toBe(1);
    } finally {
      raw.close();
    }
  },
  async () => readdirSync(sqlite.path).filter((file) => file.includes('.rebuild-')),
);

const postgres = await postgresForTests('damaged-stream');
const database = `kyc_damaged_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const url = new URL(postgres.connectionString);
url.pathname = `/${database}`;
postgres.describe('PostgreSQL', () => {
  beforeAll(async () => {
    await postgres.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  describeDamagedStream(
    'PostgreSQL',
    () => ({ kind: 'postgres', connectionString: url.toString() }),
    () => ({ KYC_EVENT_STORE: url.toString() }),
    () => async (stream, version, data) => {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      try {
        const updated = await pool.query('UPDATE kyc_events.events SET data = $1::json WHERE stream_name = $2 AND stream_version = $3', [data, stream, version]);
        expect(updated.rowCount).toBe(1);
      } finally {
        await pool.end();
      }
    },
    async () => {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      try {
        return (await pool.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE '%\\_rebuild\\_%'")).rows.map((row) => row.name);
      } finally {
        await pool.end();
      }
    },
  );
});
