import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/adapters/composition-root/index.js';
import type { InboxEntryStatus } from '../../src/application/ports/webhook-inbox.js';
import { hookResourceOf, RECEIVED_HOOK_EVENT_TYPES } from '../../src/application/webhooks/index.js';
import { mangopayIdArbitrary } from '../../src/testing/arbitraries/identifiers.arbitrary.js';
import { failOnUnhandledRejections, fuzzCaseTally, markersIn } from '../../src/testing/fuzz/index.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { hostileQueryStringArbitrary, percentEncoded } from './support/hostile-query-strings.js';

/**
 * Mangopay's hook endpoint fuzzed through the service's fastify app (inject), mounted as `kyc serve` mounts it:
 * open (no API key), at a secret path, rate limited per source. For every hostile request: never a 5xx; a 4xx
 * is JSON naming the fault; exactly a new valid notification is recorded, nothing else; no marker comes back
 * or is logged, and neither is the secret path segment (itself shaped like a secret marker).
 */
failOnUnhandledRejections();
const tally = fuzzCaseTally('webhook endpoint over HTTP (fastify inject)');

const SECRET = 'sk_live_WebhookSecretSegment2345';
const RUNS = Number(process.env['KYC_FUZZ_RUNS'] ?? 300);

let service: ServiceUnderTest;

beforeAll(async () => {
  service = await startServiceUnderTest({ apiKeys: ['webhook-fuzz-key-0123456789abcdef0123456789'], webhook: { secret: SECRET } });
  expect(markersIn(service.webhookPath)).toEqual([SECRET]);
}, 60_000);
afterAll(async () => {
  await service?.close();
});

const inboxCounts = async (): Promise<Readonly<Record<InboxEntryStatus, number>>> => {
  const counts = await service.runtime.inbox.countByStatus()();
  if (E.isLeft(counts)) throw new Error(counts.left.message);
  return counts.right;
};
const total = (counts: Readonly<Record<InboxEntryStatus, number>>): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

const expectNothingLeaked = (answer: LightMyRequestResponse): void => {
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(markersIn(answer.body + JSON.stringify(answer.headers)), 'a marker came back in the answer').toEqual([]);
  expect(markersIn(service.newLogText()), 'a marker (or the secret path) was logged').toEqual([]);
};

const EVENT_TYPES = [...RECEIVED_HOOK_EVENT_TYPES, 'PAYIN_NORMAL_SUCCEEDED', 'kyc_succeeded', 'KYC-SUCCEEDED', 'A'.repeat(100), 'A'.repeat(101), '_KYC', '1KYC', ''];
const RESOURCE_IDS = ['kycdoc_1', 'idnver_1', 'user_m_1', 'a'.repeat(255), 'a'.repeat(256), 'a/b', 'a b', '../x', '.', '..', '', 'x:y.z-_'];
const DATES = ['1700000000', '0', '-1', '1.5', '1e9', '9'.repeat(15), '9'.repeat(16), '0x10', 'NaN', 'Infinity', '-0', ' 1', '2024-01-01'];
const vocabulary = { known: { EventType: EVENT_TYPES, RessourceId: RESOURCE_IDS, Date: DATES } };

/** A well-formed hook, sometimes with extra parameters or one of its own given twice. */
const nearlyValidHook = fc
  .record({
    EventType: fc.constantFrom(...RECEIVED_HOOK_EVENT_TYPES, 'PAYIN_NORMAL_SUCCEEDED'),
    RessourceId: mangopayIdArbitrary(40),
    Date: fc.integer({ min: 0, max: 4_102_444_800 }).map(String),
    extra: fc.option(hostileQueryStringArbitrary(vocabulary).map((query) => query.slice(1)), { nil: undefined }),
  })
  .map(({ EventType, RessourceId, Date, extra }) => `?EventType=${EventType}&RessourceId=${percentEncoded(RessourceId)}&Date=${Date}${extra === undefined ? '' : `&${extra}`}`);

const PATHS = [
  { path: () => service.webhookPath, right: true },
  { path: () => `${service.webhookPath}/`, right: false },
  { path: () => `${WEBHOOK_PATH}`, right: false },
  { path: () => `${WEBHOOK_PATH}/${SECRET.toLowerCase()}`, right: false },
  { path: () => `${WEBHOOK_PATH}/${SECRET.slice(0, -1)}`, right: false },
  { path: () => `${service.webhookPath}/extra`, right: false },
  { path: () => `${WEBHOOK_PATH}/${percentEncoded(SECRET)}%00`, right: false },
];

describe('hook query strings over HTTP', () => {
  it('hostile query strings, methods and paths: 200 only for a valid hook (recorded once), a typed 4xx otherwise', async () => {
    const request = fc.record({
      query: fc.oneof({ weight: 3, arbitrary: hostileQueryStringArbitrary(vocabulary) }, { weight: 2, arbitrary: nearlyValidHook }),
      method: fc.oneof({ weight: 8, arbitrary: fc.constant('GET' as const) }, { weight: 1, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') }),
      target: fc.oneof({ weight: 8, arbitrary: fc.constant(PATHS[0] as (typeof PATHS)[number]) }, { weight: 2, arbitrary: fc.constantFrom(...PATHS) }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ query, method, target }) => {
        tally.count('webhook query strings, methods and paths');
        const before = await inboxCounts();
        const answer = await service.app.inject({ method: method as 'GET', url: `${target.path()}${query}` });
        const after = await inboxCounts();
        expect(answer.statusCode, answer.body.slice(0, 300)).toBeLessThan(500);
        if (method === 'HEAD') {
          expect(answer.statusCode).toBeGreaterThanOrEqual(400);
        } else {
          expectNothingLeaked(answer);
        }
        const body = method === 'HEAD' ? undefined : (answer.json() as Record<string, unknown>);
        if (!target.right) {
          // Not the hook route: no route, said as such (Mangopay sends no key, so none is asked for).
          expect(answer.statusCode).toBe(404);
        } else if (method !== 'GET') {
          expect([405]).toContain(answer.statusCode);
        } else if (answer.statusCode === 200) {
          expect(body).toMatchObject({ received: true, disposition: expect.stringMatching(/^(pending|ignored)$/), duplicate: expect.any(Boolean) });
          expect(total(after) - total(before)).toBe(body?.['duplicate'] === true ? 0 : 1);
          return;
        } else {
          expect(answer.statusCode).toBe(400);
          expect(body).toMatchObject({ type: 'INVALID_HOOK', message: expect.any(String) });
          const faults = body?.['faults'] as ReadonlyArray<{ path: string; rule: string }>;
          expect(faults.length).toBeGreaterThan(0);
          for (const fault of faults) expect(['EventType', 'RessourceId', 'Date']).toContain(fault.path);
        }
        expect(after, 'a refused hook was recorded').toEqual(before);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('an event type it does not act on: 200, recorded as ignored (so Mangopay stops retrying), never processed', async () => {
    const unknownType = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,99}$/).filter((type) => hookResourceOf(type) === undefined);
    await fc.assert(
      fc.asyncProperty(unknownType, mangopayIdArbitrary(60), fc.integer({ min: 0, max: 4_102_444_800 }), async (eventType, resourceId, date) => {
        tally.count('webhook unknown event types');
        const before = await inboxCounts();
        const answer = await service.app.inject({ method: 'GET', url: `${service.webhookPath}?EventType=${eventType}&RessourceId=${percentEncoded(resourceId)}&Date=${date}` });
        expect(answer.statusCode).toBe(200);
        const body = answer.json() as { disposition: string; duplicate: boolean };
        expect(body.disposition).toBe('ignored');
        const after = await inboxCounts();
        expect(after).toEqual({ ...before, ignored: before.ignored + (body.duplicate ? 0 : 1) });
        const ignored = await service.runtime.inbox.list({ status: 'ignored', limit: 100_000 })();
        expect(E.isRight(ignored) && ignored.right.some((entry) => entry.notification.eventType === eventType && entry.notification.resourceId === resourceId && entry.notification.date === date)).toBe(
          true,
        );
        expectNothingLeaked(answer);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
