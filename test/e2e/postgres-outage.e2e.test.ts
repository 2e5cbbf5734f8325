import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import { ownPostgresForTests } from '../support/own-postgres-cluster.js';
import { pageFile } from '../support/page-files.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * Issue 11: `kyc serve` on a PostgreSQL of the test's own, under load from a few platform clients, while the
 * cluster is restarted, stopped and later killed (SIGKILL). The service must stay up, answer every request 2xx
 * or 503 with Retry-After, say 503 on /ready while the database is gone, come back once it is back, and lose
 * nothing it acknowledged: every 2xx is in the log and the lists, and a 503'd command retried with its
 * Idempotency-Key is done exactly once.
 */
const postgres = ownPostgresForTests('postgres-outage');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const API_KEY = 'outage-test-api-key-0123456789abcdef0123456789';
const CLIENTS = 3;
/** Bounds of the load: documents per client, and how long it may take in all. */
const MAX_DOCUMENTS_PER_CLIENT = 25;
const LOAD_DEADLINE_MS = 150_000;

interface Answer {
  readonly what: string;
  readonly status: number | 'no answer';
  readonly retryAfter: string | null;
  /** The error's `type`, for an answer that is not a success. */
  readonly type?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) for `condition`, checking every 100 ms. */
const eventually = async (what: string, condition: () => Promise<boolean> | boolean, withinMs = 30_000): Promise<void> => {
  for (let waited = 0; waited < withinMs; waited += 100) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${withinMs / 1000} s`);
};

let child: ChildProcess;
let output = '';
let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
let url: string;
const data = temporaryDirectory('postgres-outage');

postgres.describe('kyc serve while its PostgreSQL restarts, stops and is killed', () => {
  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'adapters', 'cli', 'kyc.ts'), 'serve'], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        KYC_EVENT_STORE: postgres.cluster().url(),
        PORT: '0',
        KYC_API_KEYS: API_KEY,
        KYC_DATA_DIR: data.path,
        LOG_LEVEL: 'warn',
        // The hooks refused during the outages come back together when the database does; at the default budget (60
        // background Mangopay calls a minute) their backlog alone outlasts the wait below. The simulator is local.
        KYC_BACKGROUND_CALLS_PER_MINUTE: '1200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => (exited = { code, signal }));
    await eventually('kyc serve listening', () => exited !== undefined || /platform API on http:\/\/\S+/.test(output), 60_000);
    if (exited !== undefined) throw new Error(`kyc serve exited at start: ${output.slice(-2000)}`);
    url = /platform API on (http:\/\/\S+)/.exec(output)?.[1] as string;
  }, 90_000);
  afterAll(async () => {
    if (exited === undefined) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    data.remove();
  });

  it('stays up, answers 2xx or 503 with Retry-After, and loses nothing it acknowledged', async () => {
    const answers: Answer[] = [];
    const record = async (what: string, response: Response | undefined): Promise<void> => {
      const type = response === undefined || response.ok ? undefined : await response.clone().json().then((body) => (body as { type?: string }).type, () => 'unreadable');
      answers.push({ what, status: response?.status ?? 'no answer', retryAfter: response?.headers.get('retry-after') ?? null, ...(type === undefined ? {} : { type }) });
    };
    const call = async (what: string, method: string, path: string, body?: unknown, key?: string): Promise<Response | undefined> => {
      try {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${API_KEY}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(key === undefined ? {} : { 'idempotency-key': key }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(20_000),
        });
        await record(what, response);
        return response;
      } catch {
        await record(what, undefined);
        return undefined;
      }
    };

    /** Every command sent, by key: what it was, whether some attempt was answered 503, and its 2xx body. */
    const commands = new Map<string, { readonly what: string; readonly request: [string, string, unknown]; was503: boolean; body?: { Id: string } }>();
    const deadline = Date.now() + LOAD_DEADLINE_MS;
    /** Sends a command until it is answered 2xx (same Idempotency-Key every time), as a careful platform does. */
    const command = async (what: string, method: string, path: string, body: unknown): Promise<{ Id: string } | undefined> => {
      const key = randomUUID();
      const entry: { readonly what: string; readonly request: [string, string, unknown]; was503: boolean; body?: { Id: string } } = {
        what,
        request: [method, path, body],
        was503: false,
      };
      commands.set(key, entry);
      while (Date.now() < deadline) {
        const response = await call(what, method, path, body, key);
        if (response?.ok === true) {
          entry.body = (await response.json()) as { Id: string };
          return entry.body;
        }
        if (response !== undefined) await response.arrayBuffer();
        // A refusal is final: only a 503 or no answer is worth sending again.
        if (response !== undefined && response.status !== 503) return undefined;
        if (response?.status === 503) entry.was503 = true;
        await sleep(200);
      }
      return undefined;
    };

    // The in-process simulator's URL and this start's credentials: behind the API key, as `kyc demo` asks for them.
    const local = (await (await fetch(`${url}/simulator`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as { url: string; clientId: string; apiKey: string };
    const platform = simulatorPlatformClient(local.url, local.clientId, local.apiKey);
    const users = await Promise.all(Array.from({ length: CLIENTS }, () => platform.createNaturalOwner()));
    // An identity proof of today's minimum size (the service runs today's Mangopay page rules by default).
    const file = pageFile('PDF', 32 * 1024);

    let outagesOver = false;
    const documentsOf = new Map<string, string[]>(users.map((user) => [user, []]));
    const client = async (user: string): Promise<void> => {
      for (let n = 0; n < MAX_DOCUMENTS_PER_CLIENT && !(outagesOver && n >= 3) && Date.now() < deadline; n++) {
        const created = await command('create', 'POST', `/users/${user}/kyc/documents`, { Type: 'IDENTITY_PROOF' });
        if (created === undefined) return;
        documentsOf.get(user)?.push(created.Id);
        if ((await command('add page', 'POST', `/users/${user}/kyc/documents/${created.Id}/pages`, { File: file })) === undefined) return;
        if ((await command('submit', 'PUT', `/users/${user}/kyc/documents/${created.Id}`, { Status: 'VALIDATION_ASKED' })) === undefined) return;
        const listed = await call('list', 'GET', `/users/${user}/kyc/documents`);
        await listed?.arrayBuffer();
      }
    };

    const acknowledged = () => [...commands.values()].filter((entry) => entry.body !== undefined).length;
    const ready = async (): Promise<number | 'no answer'> => {
      try {
        return (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(10_000) })).status;
      } catch {
        return 'no answer';
      }
    };
    const hook = async (): Promise<Response | undefined> => {
      try {
        const response = await fetch(`${url}/webhooks/mangopay?EventType=KYC_SUCCEEDED&RessourceId=outage-check&Date=${Math.floor(Date.now() / 1000)}`);
        await record('webhook', response);
        await response.arrayBuffer();
        return response;
      } catch {
        await record('webhook', undefined);
        return undefined;
      }
    };
    /** The database is gone: /ready and the webhook endpoint say 503 (bounded), while the load goes on. */
    const duringOutage = async (): Promise<void> => {
      await eventually('/ready 503 while the database is down', async () => (await ready()) === 503);
      await eventually('a webhook answered 503 while the database is down', async () => (await hook())?.status === 503);
      // The background parts notice, and say so in a fixed line: the inbox processor, the read model's catch-up.
      const logged = output.length;
      await eventually('the inbox processor and the catch-up report the outage', () => {
        const since = output.slice(logged);
        return since.includes('webhook inbox unreachable') && since.includes('read model: ');
      });
    };
    const backAgain = async (): Promise<void> => {
      await eventually('/ready 200 once the database is back', async () => (await ready()) === 200);
      const before = acknowledged();
      await eventually('commands acknowledged again', () => acknowledged() >= before + CLIENTS, 60_000);
    };

    const outages = (async () => {
      const cluster = postgres.cluster();
      await eventually('commands acknowledged before the outages', () => acknowledged() >= 2 * CLIENTS, 60_000);
      await cluster.restart();
      await backAgain();
      await cluster.stop();
      await duringOutage();
      await cluster.start();
      await backAgain();
      await cluster.kill();
      await duringOutage();
      await cluster.start();
      await backAgain();
      outagesOver = true;
    })();
    await Promise.all([outages, ...users.map(client)]);

    expect(exited, output.slice(-2000)).toBeUndefined();
    expect(output).not.toContain(API_KEY);
    // Every answer was a success or a retryable 503 with Retry-After; never a 500 nor a dropped connection.
    const wrong = answers.filter((answer) => !(answer.status === 503 ? answer.retryAfter !== null : answer.status !== 'no answer' && answer.status < 300));
    expect(wrong).toEqual([]);
    expect(answers.filter((answer) => answer.status === 503 && answer.what !== 'webhook').length).toBeGreaterThan(0);
    // Every command got its 2xx, and those that were 503'd first too.
    const unfinished = [...commands.values()].filter((entry) => entry.body === undefined).map((entry) => entry.what);
    expect(unfinished).toEqual([]);

    // Nothing acknowledged is lost, nothing is done twice: the view, the log and the lists agree with the 2xxs.
    for (const [user, documents] of documentsOf) {
      for (const documentId of documents) {
        const view = (await (await call('view', 'GET', `/kyc/documents/${documentId}`))?.json()) as { Pages: unknown[]; Status: string };
        expect(view.Pages).toHaveLength(1);
        expect(view.Status).not.toBe('CREATED');
        const log = (await (await call('audit', 'GET', `/audit/KycDocument-${documentId}`))?.json()) as { entries: unknown[] };
        expect(log.entries.length).toBeGreaterThanOrEqual(3);
      }
      await eventually('the list holds every document acknowledged', async () => {
        const listed = (await (await call('list', 'GET', `/users/${user}/kyc/documents?Per_Page=100`))?.json()) as Array<{ Id: string }>;
        return JSON.stringify(listed.map((document) => document.Id).sort()) === JSON.stringify([...documents].sort());
      });
    }
    // Sent again with the same key, a command is answered as before, and not done a second time.
    for (const [key, entry] of [...commands].filter(([, entry]) => entry.was503 || entry.what === 'create')) {
      const [method, path, body] = entry.request;
      const again = await call(entry.what, method, path, body, key);
      expect(again?.status).toBeLessThan(300);
      expect(((await again?.json()) as { Id: string }).Id).toBe(entry.body?.Id);
    }
    const all = (await (await call('list', 'GET', '/kyc/documents?Per_Page=100'))?.json()) as Array<{ Id: string }>;
    expect(all.length).toBe([...documentsOf.values()].flat().length);

    // The inbox processor came back too: a document Mangopay settles now is followed through its hook.
    const settled = [...documentsOf.values()].flat().at(-1) as string;
    await platform.settleDocument(settled, { status: 'VALIDATED' });
    await eventually('the hook of a document settled after the outages is processed', async () => {
      const view = (await (await call('view', 'GET', `/kyc/documents/${settled}`))?.json()) as { Status: string };
      return view.Status === 'VALIDATED';
    });
    expect(exited).toBeUndefined();
  }, 240_000);

  it('answers /ready 503, in bounded time, while any store it needs hangs, and 200 once it answers', async () => {
    const status = async () => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(20_000) })).status;
    expect(await status()).toBe(200);
    // A store that hangs, for real: its table locked by another session, so every read of it waits.
    for (const table of ['kyc_events.events', 'kyc_read_model.read_kyc_documents', 'kyc_inbox.webhook_inbox']) {
      const holder = new pg.Client({ connectionString: postgres.cluster().url() });
      holder.on('error', () => undefined);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      expect(await status(), table).toBe(503);
      await holder.query('ROLLBACK');
      await holder.end();
      await eventually(`/ready 200 once ${table} answers`, async () => (await status()) === 200);
    }
    expect(exited).toBeUndefined();
  }, 120_000);
});
