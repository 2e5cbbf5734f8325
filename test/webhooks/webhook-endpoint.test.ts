import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import { createWebhookEndpoint, startWebhookHttpServer, type WebhookHttpServer } from '../../src/adapters/webhook-endpoint/index.js';
import { webhookInboxUnavailable, type WebhookInbox } from '../../src/application/ports/webhook-inbox.js';
import { receiveHook } from '../../src/application/webhooks/index.js';
import { announceBody } from '../support/raw-socket.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';

const setup = (inbox: WebhookInbox = createInMemoryWebhookInbox()) => {
  let wakes = 0;
  const receive = receiveHook({ inbox, clock: fixedClock(), onRecorded: () => wakes++ });
  const endpoint = createWebhookEndpoint({ receive });
  const get = (query: string, method = 'GET') => endpoint({ method, url: `/hooks/mangopay?${query}`, remoteAddress: '127.0.0.1' });
  return { inbox, endpoint, get, wakes: () => wakes };
};
const bodyOf = (answer: { readonly body: string }): Record<string, unknown> => JSON.parse(answer.body) as Record<string, unknown>;
const valid = 'EventType=KYC_SUCCEEDED&RessourceId=kyc_123&Date=1767225600';

describe('webhook endpoint', () => {
  it('records a valid notification as pending and answers 200 JSON that no cache keeps', async () => {
    const { inbox, get, wakes } = setup();
    const answer = await get(valid);
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    expect(bodyOf(answer)).toEqual({ received: true, disposition: 'pending', duplicate: false });
    const [entry] = await ok(inbox.list({ status: 'pending' }));
    expect(entry?.notification).toEqual({ eventType: 'KYC_SUCCEEDED', resourceId: 'kyc_123', date: 1767225600 });
    expect(wakes()).toBe(1);
  });

  it('acknowledges a duplicate without recording it again (Mangopay retries, possibly concurrently)', async () => {
    const { inbox, get, wakes } = setup();
    const answers = await Promise.all([get(valid), get(valid), get(`Date=1767225600&RessourceId=kyc_123&EventType=KYC_SUCCEEDED&extra=1`)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => bodyOf(a)['duplicate']).sort()).toEqual([false, true, true]);
    expect(await ok(inbox.countByStatus())).toMatchObject({ pending: 1 });
    expect(wakes()).toBe(1);
  });

  it('acknowledges an event type it does not act on, recorded as ignored, so Mangopay stops retrying it', async () => {
    const { inbox, get, wakes } = setup();
    const answer = await get('EventType=PAYIN_NORMAL_SUCCEEDED&RessourceId=payin_9&Date=1767225600');
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ received: true, disposition: 'ignored', duplicate: false });
    expect((await ok(inbox.list({ status: 'ignored' }))).map((e) => e.notification.eventType)).toEqual(['PAYIN_NORMAL_SUCCEEDED']);
    expect(await ok(inbox.claimDue({ now: new Date(8.64e15), leaseUntil: new Date(8.64e15), limit: 10 }))).toEqual([]);
    expect(wakes()).toBe(0);
  });

  it.each([
    'KYC_CREATED',
    'KYC_VALIDATION_ASKED',
    'KYC_OUTDATED',
    'IDENTITY_VERIFICATION_VALIDATED',
    'IDENTITY_VERIFICATION_INCONCLUSIVE',
    'IDENTITY_VERIFICATION_TIMEOUT',
    'IDENTITY_VERIFICATION_PENDING',
    'IDENTITY_VERIFICATION_EXPIRED',
    'USER_KYC_LIGHT',
    'USER_KYC_REGULAR',
  ])('records %s for processing', async (eventType) => {
    const { get } = setup();
    expect(bodyOf(await get(`EventType=${eventType}&RessourceId=x_1&Date=1`))['disposition']).toBe('pending');
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])('answers %s with 405 and Allow: GET, recording nothing', async (method) => {
    const { inbox, get } = setup();
    const answer = await get(valid, method);
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toBe('GET');
    expect(await ok(inbox.countByStatus())).toEqual({ pending: 0, processed: 0, ignored: 0, parked: 0 });
  });

  const SECRET = 'Jane-Doe-1980';
  it.each([
    ['no parameters at all', '', ['EventType', 'RessourceId', 'Date']],
    ['a missing EventType', 'RessourceId=kyc_1&Date=1', ['EventType']],
    ['a missing RessourceId', 'EventType=KYC_SUCCEEDED&Date=1', ['RessourceId']],
    ['a missing Date', 'EventType=KYC_SUCCEEDED&RessourceId=kyc_1', ['Date']],
    ['an EventType that is no event type', `EventType=kyc_${SECRET}&RessourceId=kyc_1&Date=1`, ['EventType']],
    ['an EventType with markup', `EventType=%3Cscript%3E${SECRET}&RessourceId=kyc_1&Date=1`, ['EventType']],
    ['a RessourceId with a slash', `EventType=KYC_SUCCEEDED&RessourceId=..%2F${SECRET}&Date=1`, ['RessourceId']],
    ['a RessourceId of 256 characters', `EventType=KYC_SUCCEEDED&RessourceId=${'k'.repeat(256)}&Date=1`, ['RessourceId']],
    ['an empty RessourceId', 'EventType=KYC_SUCCEEDED&RessourceId=&Date=1', ['RessourceId']],
    // Dot segments: `/kyc/documents/..` is `/` to a URL parser (and %2e is a dot to it), so the processor would ask Mangopay for another path.
    ['a RessourceId of one dot', 'EventType=KYC_SUCCEEDED&RessourceId=.&Date=1', ['RessourceId']],
    ['a RessourceId of two dots', 'EventType=USER_KYC_REGULAR&RessourceId=..&Date=1', ['RessourceId']],
    ['a RessourceId of two encoded dots', 'EventType=IDENTITY_VERIFICATION_VALIDATED&RessourceId=%2E%2e&Date=1', ['RessourceId']],
    ['a negative Date', 'EventType=KYC_SUCCEEDED&RessourceId=kyc_1&Date=-5', ['Date']],
    ['a fractional Date', 'EventType=KYC_SUCCEEDED&RessourceId=kyc_1&Date=1.5', ['Date']],
    ['a Date in words', `EventType=KYC_SUCCEEDED&RessourceId=kyc_1&Date=${SECRET}`, ['Date']],
    ['a Date beyond 15 digits', 'EventType=KYC_SUCCEEDED&RessourceId=kyc_1&Date=1234567890123456', ['Date']],
    ['an empty Date', 'EventType=KYC_SUCCEEDED&RessourceId=kyc_1&Date=', ['Date']],
    ['a repeated parameter', `EventType=KYC_SUCCEEDED&EventType=KYC_FAILED&RessourceId=kyc_1&Date=1`, ['EventType']],
  ])('answers %s with 400, naming the faulty parameters and rules but never the values', async (_case, query, paths) => {
    const { inbox, get } = setup();
    const answer = await get(query);
    expect(answer.status).toBe(400);
    const body = bodyOf(answer);
    expect(body['type']).toBe('INVALID_HOOK');
    const faults = body['faults'] as ReadonlyArray<{ path: string; rule: string }>;
    expect(faults.map((f) => f.path)).toEqual(paths);
    expect(faults.every((f) => typeof f.rule === 'string' && f.rule.length > 0)).toBe(true);
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).not.toContain('kkkkkkkk');
    expect(answer.body).not.toContain('script');
    expect(await ok(inbox.countByStatus())).toEqual({ pending: 0, processed: 0, ignored: 0, parked: 0 });
  });

  it('names the rule each parameter broke', async () => {
    const { get } = setup();
    const body = bodyOf(await get('EventType=lower&RessourceId=a%2Fb&Date=x'));
    expect(body['faults']).toEqual([
      { path: 'EventType', rule: 'HookEventTypeName' },
      { path: 'RessourceId', rule: 'MangopayId' },
      { path: 'Date', rule: 'HookDate' },
    ]);
  });

  it('answers 503 when the inbox cannot record, so Mangopay retries, and says nothing of the cause', async () => {
    const broken: WebhookInbox = {
      ...createInMemoryWebhookInbox(),
      record: () => TE.left(webhookInboxUnavailable('SQLite webhook inbox record failed (SqliteError SQLITE_FULL)', { name: 'SqliteError' })),
    };
    const answer = await setup(broken).get(valid);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('60');
    expect(bodyOf(answer)['type']).toBe('WEBHOOK_INBOX_UNAVAILABLE');
    expect(answer.body).not.toContain('SQLITE');
  });

  it('answers 500, not 200, when the use case throws', async () => {
    const endpoint = createWebhookEndpoint({
      receive: () => () => Promise.reject(new Error('bug')),
    });
    expect((await endpoint({ method: 'GET', url: `/?${valid}`, remoteAddress: undefined })).status).toBe(500);
  });

  it('refuses a source address the platform does not accept with 403, recording nothing', async () => {
    const inbox = createInMemoryWebhookInbox();
    const endpoint = createWebhookEndpoint({
      receive: receiveHook({ inbox, clock: fixedClock() }),
      acceptsRemoteAddress: (address) => address === '10.0.0.1',
    });
    expect((await endpoint({ method: 'GET', url: `/?${valid}`, remoteAddress: '10.6.6.6' })).status).toBe(403);
    expect((await endpoint({ method: 'GET', url: `/?${valid}`, remoteAddress: '10.0.0.1' })).status).toBe(200);
    expect(await ok(inbox.countByStatus())).toMatchObject({ pending: 1 });
  });

  it('takes Date only in the text form a query string carries', async () => {
    const { inbox } = setup();
    const receipt = await receiveHook({ inbox, clock: fixedClock() })({ EventType: 'KYC_FAILED', RessourceId: 'kyc_1', Date: 12 })();
    expect(E.isLeft(receipt) && receipt.left.type).toBe('INVALID_INPUT');
  });
});

describe('webhook endpoint on a node http server', () => {
  const inbox = createInMemoryWebhookInbox();
  let server: WebhookHttpServer;
  beforeAll(async () => {
    server = await startWebhookHttpServer(createWebhookEndpoint({ receive: receiveHook({ inbox, clock: fixedClock() }) }), {
      path: '/hooks/mangopay/',
    });
  });
  afterAll(() => server.close());

  it('serves the endpoint at its path, with or without a trailing slash', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/mangopay$/);
    const first = await fetch(`${server.url}?${valid}`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, disposition: 'pending', duplicate: false });
    const again = await fetch(`${server.url}/?${valid}`);
    expect(await again.json()).toEqual({ received: true, disposition: 'pending', duplicate: true });
  });

  it('answers other paths with 404 and other methods with 405', async () => {
    expect((await fetch(`${server.url.replace('/hooks/mangopay', '/elsewhere')}?${valid}`)).status).toBe(404);
    const posted = await fetch(`${server.url}?${valid}`, { method: 'POST', body: 'x'.repeat(10_000) });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    expect((await fetch(`${server.url}?EventType=KYC_SUCCEEDED`)).status).toBe(400);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s announcing 9 MiB with 405 before its body, and closes the connection rather than drain it', async (method) => {
    const url = new URL(server.url);
    const { text, closedAfter } = await announceBody(Number(url.port), {
      method,
      target: `${url.pathname}?${valid}`,
      announced: 9 * 1024 * 1024,
      sent: 64 * 1024,
      ms: 10_000,
    });
    expect(text).toMatch(/^HTTP\/1\.1 405 /);
    expect(text).toMatch(/\r\nallow: GET\r\n/i);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(closedAfter).toBeDefined();
  });
});
