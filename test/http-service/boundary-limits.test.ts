import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import * as net from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyFileOf,
  buildKycRuntime,
  readApiKey,
  startKycService,
  type KycConfig,
  type KycRuntime,
  type RunningKycService,
} from '../../src/adapters/composition-root/index.js';
import { MAX_JSON_DEPTH } from '../../src/adapters/http-service/shared/bounded-json-parser.js';
import { DEFAULT_HTTP_TIMEOUTS, MAX_BODY_BYTES } from '../../src/adapters/http-service/index.js';
import type { InboxEntryStatus } from '../../src/application/ports/webhook-inbox.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { announceBody, drain } from '../support/raw-socket.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * The claims of the service's boundaries that test/http-service/service-boundaries.test.ts and the e2e suite
 * do not already make: keys never logged, the generated key used by a restarted service and by `kyc demo`,
 * the webhook's secret path, allowlist and rate limit against the inbox, a large upload refused before it is
 * read, and slow clients cut off — each over a real socket where that is what the claim is about.
 */
const KEY = 'limits-key-0123456789abcdef0123456789abcdef';
const SECRET = 'hooks-secret-7d2c9a4e1b6f3a8c';

const runtimeFor = async (config: KycConfig): Promise<KycRuntime> => {
  const runtime = await buildKycRuntime(config)();
  if (E.isLeft(runtime)) throw new Error(runtime.left.message);
  return runtime.right;
};

const countsOf = async (runtime: KycRuntime): Promise<Readonly<Record<InboxEntryStatus, number>>> => {
  const counts = await runtime.inbox.countByStatus()();
  if (E.isLeft(counts)) throw new Error(counts.left.message);
  return counts.right;
};
const inboxSize = async (runtime: KycRuntime): Promise<number> => Object.values(await countsOf(runtime)).reduce((sum, n) => sum + n, 0);

const hook = (n: number) => `EventType=PAYIN_NORMAL_SUCCEEDED&RessourceId=payin_${n}&Date=${1_700_000_000 + n}`;

/** A GET from a chosen local address (every 127.x.y.z is loopback on Linux): another source, as the service sees it. */
const getFrom = (localAddress: string, url: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const sent = httpRequest(url, { localAddress, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });

describe('the API key in the logs', () => {
  let service: ServiceUnderTest;
  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'trace' });
  }, 30_000);
  afterAll(() => service?.close());

  it('never appears, wherever a client puts it (header, query string, path, body)', async () => {
    const requests = [
      { url: '/kyc/documents', headers: { authorization: `Bearer ${KEY}` } },
      { url: '/kyc/documents', headers: { authorization: `Bearer ${KEY}x` } },
      { url: `/kyc/documents?api_key=${KEY}`, headers: {} },
      { url: `/kyc/documents/${KEY}`, headers: { authorization: `Bearer ${KEY}` } },
      { url: `/${KEY}`, headers: {} },
      { url: '/users/user_1/kyc/documents', method: 'POST' as const, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, payload: `{"Type":"${KEY}"}` },
    ];
    for (const { method, ...request } of requests) {
      const answer = await service.app.inject({ method: method ?? 'GET', ...request });
      expect(answer.statusCode).toBeLessThan(500);
      expect(answer.body).not.toContain(KEY);
    }
    expect(service.logText()).toContain('incoming request');
    expect(service.logText()).not.toContain(KEY);
  });
});

describe('the API key kept beside the data', () => {
  const data = temporaryDirectory('generated-key');
  afterAll(() => data.remove());

  it('is created on first start, announced by its file (never by its value), kept on restart, and opens the API', async () => {
    const config = serviceConfigForTests({ kind: 'memory' }, data.path, []);
    const lines: string[] = [];
    const first = await runtimeFor(config);
    const service = await startKycService(first, { log: (line) => lines.push(line) });
    const key = readApiKey(data.path, {});
    try {
      expect(key).toBeDefined();
      expect(first.apiKeys).toMatchObject({ generated: true, file: apiKeyFileOf(data.path), keys: [{ key, role: 'platform' }, { role: 'auditor' }] });
      expect(lines.join('\n')).toContain(apiKeyFileOf(data.path));
      expect(lines.join('\n')).not.toContain(key as string);
      expect((await fetch(`${service.url}/kyc/documents`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    } finally {
      await service.stop();
    }
    const second = await runtimeFor(config);
    const again = await startKycService(second);
    try {
      expect(second.apiKeys).toMatchObject({ generated: false, keys: [{ key, role: 'platform' }, { role: 'auditor' }] });
      expect((await fetch(`${again.url}/kyc/documents`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    } finally {
      await again.stop();
    }
  }, 30_000);

  it('is what `kyc demo --url` uses, unless KYC_API_KEY says otherwise', async () => {
    const runtime = await runtimeFor(serviceConfigForTests({ kind: 'memory' }, data.path, []));
    const service = await startKycService(runtime);
    const demo = async (env: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/cli/kyc.ts', 'demo', '--url', service.url], {
        cwd: process.cwd(),
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', KYC_DATA_DIR: data.path, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      return { code, output };
    };
    try {
      const fromFile = await demo({});
      expect(fromFile.code, fromFile.output).toBe(0);
      expect(fromFile.output).toMatch(/IDENTITY_PROOF \S+: VALIDATED/);
      const wrong = await demo({ KYC_API_KEY: 'not-the-key-0123456789abcdef0123456789' });
      expect(wrong.code).not.toBe(0);
      expect(wrong.output).toMatch(/401/);
    } finally {
      await service.stop();
    }
  }, 120_000);
});

describe("Mangopay's hooks at the boundary (real sockets)", () => {
  const data = temporaryDirectory('hook-limits');
  const BUDGET = 5;
  let runtime: KycRuntime;
  let service: RunningKycService;
  beforeAll(async () => {
    runtime = await runtimeFor(
      serviceConfigForTests({ kind: 'memory' }, data.path, [KEY], { webhook: { secret: SECRET, allowedSources: undefined, maxPerMinutePerSource: BUDGET, takeOver: false } }),
    );
    service = await startKycService(runtime);
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    data.remove();
  });

  it('are taken at the secret path only: any other path is no route (404 saying where hooks are taken, never asking a key), nothing recorded', async () => {
    for (const path of ['/webhooks/mangopay', `/webhooks/mangopay/${SECRET.slice(0, -1)}`, `/webhooks/mangopay/${SECRET.toUpperCase()}`, `/webhooks/mangopay/${SECRET}/x`]) {
      const withoutKey = await fetch(`${service.url}${path}?${hook(0)}`);
      expect(withoutKey.status).toBe(404);
      const refusal = (await withoutKey.json()) as { type: string; message: string };
      expect(refusal).toEqual({ type: 'ROUTE_NOT_FOUND', message: expect.stringContaining('webhook path') });
      expect(refusal.message).not.toContain(SECRET);
      const withKey = await fetch(`${service.url}${path}?${hook(0)}`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(withKey.status).toBe(404);
      expect(((await withKey.json()) as { type: string }).type).toBe('ROUTE_NOT_FOUND');
    }
    expect(await inboxSize(runtime)).toBe(0);
  });

  it('past the per-source budget: 429 with Retry-After; what was accepted stays in the inbox; other sources keep their own budget', async () => {
    const answers: Response[] = [];
    for (let n = 1; n <= BUDGET + 3; n++) answers.push(await fetch(`${service.url}/webhooks/mangopay/${SECRET}?${hook(n)}`));
    expect(answers.map((a) => a.status)).toEqual([...Array(BUDGET).fill(200), 429, 429, 429]);
    const limited = answers[BUDGET] as Response;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ type: 'RATE_LIMITED' });
    // The accepted ones were recorded (as ignored: no event type this core acts on) and nothing else was.
    const ignored = await runtime.inbox.list({ status: 'ignored' })();
    expect(E.isRight(ignored) && ignored.right.map((entry) => entry.notification.resourceId)).toEqual(Array.from({ length: BUDGET }, (_, i) => `payin_${i + 1}`));
    expect(await inboxSize(runtime)).toBe(BUDGET);
    // Mangopay retries a 429: the same hook from another address (its own budget) is accepted then.
    expect(await getFrom('127.0.0.2', `${service.url}/webhooks/mangopay/${SECRET}?${hook(BUDGET + 1)}`)).toBe(200);
    expect(await inboxSize(runtime)).toBe(BUDGET + 1);
  });
});

describe('the webhook route and request bodies (real sockets)', () => {
  const data = temporaryDirectory('hook-bodies');
  let runtime: KycRuntime;
  let service: RunningKycService;
  beforeAll(async () => {
    runtime = await runtimeFor(
      serviceConfigForTests({ kind: 'memory' }, data.path, [KEY], { webhook: { secret: SECRET, allowedSources: undefined, maxPerMinutePerSource: 100, takeOver: false } }),
    );
    service = await startKycService(runtime);
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    data.remove();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'])(
    '%s announcing 9 MiB and sending none of it: 405 with Allow: GET at once, the connection closed, nothing recorded',
    async (method) => {
      const { text, closedAfter } = await announceBody(service.port, {
        method,
        target: `/webhooks/mangopay/${SECRET}?${hook(1)}`,
        announced: 9 * 1024 * 1024,
        sent: 0,
        ms: 10_000,
      });
      // The body was never sent: an answer at all shows it was not waited for, let alone parsed.
      expect(text).toMatch(/^HTTP\/1\.1 405 /);
      expect(text).toMatch(/\r\nallow: GET\r\n/i);
      expect(text).toMatch(/\r\nconnection: close\r\n/i);
      expect(closedAfter).toBeDefined();
      expect(await inboxSize(runtime)).toBe(0);
    },
  );

  it('a POST that keeps sending after its 405 is cut off, not drained', async () => {
    const { text, closedAfter } = await announceBody(service.port, {
      method: 'POST',
      target: `/webhooks/mangopay/${SECRET}?${hook(2)}`,
      announced: 9 * 1024 * 1024,
      sent: 256 * 1024,
      ms: 10_000,
    });
    expect(text).toMatch(/^HTTP\/1\.1 405 /);
    expect(closedAfter).toBeDefined();
  });
});

describe('the webhook allowlist (real sockets)', () => {
  const data = temporaryDirectory('hook-allowlist');
  let runtime: KycRuntime;
  let service: RunningKycService;
  beforeAll(async () => {
    runtime = await runtimeFor(
      serviceConfigForTests({ kind: 'memory' }, data.path, [KEY], { webhook: { secret: SECRET, allowedSources: ['127.0.0.3'], maxPerMinutePerSource: 100, takeOver: false } }),
    );
    service = await startKycService(runtime);
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    data.remove();
  });

  it('takes hooks from a listed address only; any other gets 403 and nothing is recorded', async () => {
    const url = (n: number) => `http://127.0.0.1:${service.port}/webhooks/mangopay/${SECRET}?${hook(n)}`;
    expect(await getFrom('127.0.0.1', url(1))).toBe(403);
    expect(await getFrom('127.0.0.4', url(2))).toBe(403);
    expect(await inboxSize(runtime)).toBe(0);
    expect(await getFrom('127.0.0.3', url(3))).toBe(200);
    expect(await inboxSize(runtime)).toBe(1);
  });
});

describe('request bodies and JSON (real sockets where it matters)', () => {
  let service: ServiceUnderTest;
  let port: number;
  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'warn' });
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    port = (service.app.server.address() as net.AddressInfo).port;
  }, 30_000);
  afterAll(() => service?.close());

  const head = (length: string) =>
    `POST /users/user_1/kyc/documents/doc_1/pages HTTP/1.1\r\nhost: kyc\r\nauthorization: Bearer ${KEY}\r\ncontent-type: application/json\r\n${length}\r\n`;

  it('a body announced larger than the cap: 413 after the headers, the connection closed, the upload never read', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const received = drain(socket, 10_000);
    socket.write(head(`content-length: ${64 * 1024 * 1024}\r\n`));
    socket.write(Buffer.alloc(64 * 1024, 0x41)); // the first 64 KB of 64 MB, and no more
    const { text, closedAfter } = await received;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(text).toContain('"type":"BODY_TOO_LARGE"');
    expect(closedAfter).toBeDefined();
  });

  it('a body streamed without a length: 413 once the cap is passed, long before the upload ends', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const received = drain(socket, 20_000);
    socket.write(head('transfer-encoding: chunked\r\n'));
    const piece = Buffer.alloc(256 * 1024, 0x41);
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
    let sent = 0;
    let open = true;
    let answered = false;
    socket.on('close', () => (open = false));
    socket.once('data', () => (answered = true));
    // Like an HTTP client, it stops uploading when the server answers (or closes the connection).
    while (open && !answered && sent < 64 * 1024 * 1024) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!socket.write(chunk)) {
        await new Promise<void>((resolve) => {
          socket.once('drain', resolve);
          socket.once('close', resolve);
        });
      }
      sent += piece.length;
    }
    const { text } = await received;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 4 * 1024 * 1024);
  }, 30_000);

  it('the cap fits the largest page (10 MB of base64): such a body is read and judged by the page policy, not refused as too large', async () => {
    const answer = await service.app.inject({
      method: 'POST',
      url: '/users/user_1/kyc/documents/doc_1/pages',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ File: 'A'.repeat(10 * 1024 * 1024) }),
    });
    expect(answer.statusCode).not.toBe(413);
    expect(answer.statusCode).toBeLessThan(500);
  });

  it('JSON nested to the bound is parsed (and judged by the codecs); one level deeper is 400 JSON_TOO_DEEP', async () => {
    const nested = (depth: number) => `{"Type":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;
    const send = (payload: string) =>
      service.app.inject({ method: 'POST', url: '/users/user_1/kyc/documents', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, payload });
    expect((await send(nested(MAX_JSON_DEPTH))).json()).toMatchObject({ type: 'INVALID_INPUT', faults: [{ path: 'Type' }] });
    expect((await send(nested(MAX_JSON_DEPTH + 1))).json()).toMatchObject({ type: 'JSON_TOO_DEEP' });
    // Brackets inside strings are text, not nesting.
    expect((await send(`{"Type":"IDENTITY_PROOF","Tag":"${'['.repeat(200)}"}`)).json()).not.toMatchObject({ type: 'JSON_TOO_DEEP' });
  });

  it('a body that is not UTF-8 is refused (400 JSON_NOT_UTF8), never stored with U+FFFD in place of its bytes', async () => {
    const send = (payload: Buffer) =>
      service.app.inject({ method: 'POST', url: '/users/user_1/kyc/documents', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, payload });
    for (const bad of [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])]) {
      const body = Buffer.concat([Buffer.from('{"Type":"IDENTITY_PROOF","Tag":"caf'), bad, Buffer.from('"}')]);
      const answer = await send(body);
      expect(answer.statusCode, bad.toString('hex')).toBe(400);
      expect(answer.json()).toMatchObject({ type: 'JSON_NOT_UTF8' });
    }
    // Well-formed UTF-8, any script, is read as sent.
    expect((await send(Buffer.from('{"Type":"IDENTITY_PROOF","Tag":"café 北京 🙂"}', 'utf8'))).json()).not.toMatchObject({ type: 'JSON_NOT_UTF8' });
  });
});

describe('slow clients', () => {
  it('the service is configured against them: headers in 10 s, a request in 30 s, an answer in 20 s, idle sockets closed in 25 s (past the answer), checked every second', async () => {
    const service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'silent' });
    try {
      const server = service.app.server;
      expect(DEFAULT_HTTP_TIMEOUTS).toEqual({ headers: 10_000, request: 30_000, answer: 20_000, idle: 25_000, keepAlive: 5_000, checkEvery: 1_000 });
      expect({
        answer: DEFAULT_HTTP_TIMEOUTS.answer,
        headers: server.headersTimeout,
        request: server.requestTimeout,
        idle: server.timeout,
        keepAlive: server.keepAliveTimeout,
        checkEvery: (server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval,
      }).toEqual(DEFAULT_HTTP_TIMEOUTS);
    } finally {
      await service.close();
    }
  });

  describe('cut off (short timeouts, real sockets)', () => {
    let service: ServiceUnderTest;
    let port: number;
    beforeAll(async () => {
      service = await startServiceUnderTest({
        apiKeys: [KEY],
        logLevel: 'silent',
        timeouts: { headers: 600, request: 1_500, idle: 5_000, checkEvery: 100 },
      });
      await service.app.listen({ port: 0, host: '127.0.0.1' });
      port = (service.app.server.address() as net.AddressInfo).port;
    }, 30_000);
    afterAll(() => service?.close());

    /** Writes `text` one byte every `everyMs` until the socket closes; resolves with the bytes written. */
    const trickle = (socket: net.Socket, text: string, everyMs: number): Promise<number> =>
      new Promise((resolve) => {
        let written = 0;
        const timer = setInterval(() => {
          if (socket.destroyed || written >= text.length) {
            clearInterval(timer);
            resolve(written);
            return;
          }
          socket.write(text.charAt(written++));
        }, everyMs);
        socket.on('close', () => {
          clearInterval(timer);
          resolve(written);
        });
      });

    it('headers sent a byte at a time (never idle, never done): 408 and closed at the headers deadline', async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const started = Date.now();
      const received = drain(socket, 10_000, started);
      const headers = `GET /health HTTP/1.1\r\nhost: kyc\r\nx-slow: ${'a'.repeat(500)}\r\n\r\n`;
      const written = await trickle(socket, headers, 20);
      const { text, closedAfter } = await received;
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      // Cut at the deadline (600 ms, checked every 100 ms), far before the 10 s the headers would take; slack for a busy CI.
      expect(closedAfter).toBeGreaterThanOrEqual(550);
      expect(closedAfter).toBeLessThan(5_000);
      expect(written).toBeLessThan(headers.length);
    });

    it('a body sent a byte at a time: cut off at the request deadline', async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const started = Date.now();
      const received = drain(socket, 10_000, started);
      const body = `{"Type":"IDENTITY_PROOF","Tag":"${'a'.repeat(500)}"}`;
      socket.write(`POST /users/user_1/kyc/documents HTTP/1.1\r\nhost: kyc\r\nauthorization: Bearer ${KEY}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`);
      const written = await trickle(socket, body, 20);
      const { closedAfter } = await received;
      expect(closedAfter).toBeGreaterThanOrEqual(1_400);
      expect(closedAfter).toBeLessThan(6_000);
      expect(written).toBeLessThan(body.length);
    });

    it('a connection that sends nothing is closed too', async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const { text, closedAfter } = await drain(socket, 10_000);
      expect(text).toMatch(/^(HTTP\/1\.1 408 |$)/);
      expect(closedAfter).toBeLessThan(5_000);
    });
  });
});

describe('ReturnUrl: stored and forwarded canonical, or refused naming it', () => {
  let service: ServiceUnderTest;
  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'silent' });
  }, 30_000);
  afterAll(() => service?.close());

  const start = (userId: string, ReturnUrl: string, n: string) =>
    service.app.inject({
      method: 'POST',
      url: `/users/${userId}/identity-verifications`,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': `return-url-${n}` },
      payload: JSON.stringify({ ReturnUrl }),
    });

  it('a value whose WHATWG serialization differs from it, or past Mangopay’s 50 characters, is 400 naming ReturnUrl; nothing reaches Mangopay', async () => {
    const userId = await service.platform.createNaturalOwner();
    const refused = [
      'https:evil.com',
      'https:\\\\evil.com',
      'https://platform.example/back\r\nX: y',
      'https://platform.example/\nback',
      'https://PLATFORM.example/back',
      'https://platform.example',
      `https://platform.example/${'a'.repeat(26)}`,
      'http://platform.example/back',
    ];
    for (const [n, value] of refused.entries()) {
      const answer = await start(userId, value, `refused-${n}`);
      expect(answer.statusCode, JSON.stringify(value)).toBe(400);
      expect(answer.json()).toMatchObject({ type: 'INVALID_INPUT', faults: [{ path: 'ReturnUrl' }] });
      expect(answer.body).not.toContain('evil');
    }
    const sessions = await service.runtime.core.mangopay.listUserIdvSessions(userId as MangopayId)();
    expect(E.isRight(sessions) && sessions.right.totalItems).toBe(0);
  });

  it('a canonical one is what the session records and what Mangopay holds', async () => {
    const userId = await service.platform.createNaturalOwner();
    const sent = `https://platform.example/${'a'.repeat(25)}`;
    expect(sent).toHaveLength(50);
    const answer = await start(userId, sent, 'canonical');
    expect(answer.statusCode).toBe(201);
    const session = answer.json() as { readonly Id: string; readonly ReturnUrl: string };
    expect(session.ReturnUrl).toBe(sent);
    const atMangopay = await service.runtime.core.mangopay.viewIdvSession(session.Id as MangopayId)();
    expect(E.isRight(atMangopay) && atMangopay.right.returnUrl).toBe(sent);
  });
});

describe('behind a proxy (KYC_TRUST_PROXY): the forwarded source only from a trusted peer', () => {
  /** A GET from a chosen local address, with an X-Forwarded-For of the caller's choosing. */
  const getForwarded = (localAddress: string, url: string, forwardedFor: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const sent = httpRequest(url, { localAddress, agent: false, headers: { 'x-forwarded-for': forwardedFor } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sent.on('error', reject);
      sent.end();
    });
  const started: ServiceUnderTest[] = [];
  const listening = async (options: Parameters<typeof startServiceUnderTest>[0]): Promise<string> => {
    const service = await startServiceUnderTest(options);
    started.push(service);
    await service.app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(service.app.server.address() as net.AddressInfo).port}${service.webhookPath}`;
  };
  afterAll(async () => {
    for (const service of started) await service.close();
  });

  it('a forged X-Forwarded-For from an untrusted peer changes nothing: the peer is the source for the limit and the allow-list', async () => {
    const limited = await listening({ apiKeys: [KEY], logLevel: 'silent', webhook: { maxPerMinutePerSource: 2 } });
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push(await getForwarded('127.0.0.2', `${limited}?${hook(100 + n)}`, `203.0.113.${n}`));
    expect(statuses).toEqual([200, 200, 429]);
    const allowList = await listening({ apiKeys: [KEY], logLevel: 'silent', webhook: { allowedSources: ['203.0.113.7'] } });
    expect(await getForwarded('127.0.0.2', `${allowList}?${hook(110)}`, '203.0.113.7')).toBe(403);
  });

  it('behind a trusted proxy, two forwarded sources get separate limits and the allow-list applies to the forwarded address', async () => {
    const limited = await listening({ apiKeys: [KEY], logLevel: 'silent', trustProxy: ['127.0.0.3'], webhook: { maxPerMinutePerSource: 2 } });
    const from = async (source: string, n: number) => getForwarded('127.0.0.3', `${limited}?${hook(n)}`, source);
    expect([await from('203.0.113.7', 120), await from('203.0.113.7', 121), await from('203.0.113.7', 122)]).toEqual([200, 200, 429]);
    expect([await from('203.0.113.8', 123), await from('203.0.113.8', 124)]).toEqual([200, 200]);

    const allowList = await listening({ apiKeys: [KEY], logLevel: 'silent', trustProxy: ['127.0.0.0/29'], webhook: { allowedSources: ['203.0.113.7'] } });
    expect(await getForwarded('127.0.0.3', `${allowList}?${hook(130)}`, '203.0.113.7')).toBe(200);
    expect(await getForwarded('127.0.0.3', `${allowList}?${hook(131)}`, '203.0.113.8')).toBe(403);
    // A peer outside the trusted range is its own source again, whatever it forwards.
    expect(await getForwarded('127.0.0.9', `${allowList}?${hook(132)}`, '203.0.113.7')).toBe(403);
  });
});
