import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ROLES } from '../../src/adapters/http-service/index.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';

const KEY = 'wrong-paths-platform-key-0123456789abcdef0123';
const SECRET = 'wrong-paths-secret-0123456789';
const NOT_A_HOOK_PATH = {
  type: 'ROUTE_NOT_FOUND',
  message: 'No hook endpoint at this path: hooks are taken at the configured webhook path only (see KYC_WEBHOOK_SECRET)',
};

/**
 * Mangopay sends no key: a hook at a path under /webhooks/ that no hook route serves (a wrong or missing secret
 * segment) is told where hooks are taken, whatever its method, before any body is read, and never asked for a key.
 * That is ROUTE_ROLES's public `/webhooks/*` entry and its catch-all route, not a case of the API-key check.
 */
describe('a hook at a wrong path', () => {
  let service: ServiceUnderTest;
  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY], logLevel: 'silent', webhook: { secret: SECRET } });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  });

  it('is declared public in ROUTE_ROLES', () => {
    expect(ROUTE_ROLES['GET /webhooks/*']).toBe('public');
  });

  it('is answered 404 saying where hooks are taken, for every method node reads, with or without a key', async () => {
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'M-SEARCH'];
    for (const url of ['/webhooks/mangopay', '/webhooks/mangopay/not-the-secret', `/webhooks/mangopay/${SECRET}/more`, '/webhooks/', '/webhooks/other?EventType=KYC_SUCCEEDED']) {
      for (const method of methods) {
        for (const headers of [{}, { authorization: `Bearer ${KEY}` }]) {
          const answer = await service.app.inject({ method: method as 'GET', url, headers });
          expect({ url, method, status: answer.statusCode }).toEqual({ url, method, status: 404 });
          if (method !== 'HEAD') expect(answer.json()).toEqual(NOT_A_HOOK_PATH);
        }
      }
    }
  });

  it('is answered before its body is read: a body that is not JSON, or too large a one, changes nothing', async () => {
    for (const payload of ['{not json', 'x'.repeat(64 * 1024)]) {
      const answer = await service.app.inject({ method: 'POST', url: '/webhooks/mangopay', headers: { 'content-type': 'application/json' }, payload });
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toEqual(NOT_A_HOOK_PATH);
    }
  });

  it('is only under /webhooks/: any other path no route serves asks for a key (401), then is not found (404)', async () => {
    expect((await service.app.inject({ method: 'GET', url: '/webhooks' })).statusCode).toBe(401);
    expect((await service.app.inject({ method: 'PROPFIND' as 'GET', url: '/nothing-here' })).statusCode).toBe(401);
    const withKey = await service.app.inject({ method: 'GET', url: '/nothing-here', headers: { authorization: `Bearer ${KEY}` } });
    expect({ status: withKey.statusCode, body: withKey.json() }).toEqual({ status: 404, body: { type: 'ROUTE_NOT_FOUND', message: 'No such route' } });
  });

  it('leaves the hook route itself as it was: a GET at the configured path reaches the endpoint', async () => {
    const answer = await service.app.inject({ method: 'GET', url: `/webhooks/mangopay/${SECRET}?EventType=NOT_A_TYPE` });
    expect(answer.statusCode).not.toBe(404);
    expect(answer.statusCode).toBeLessThan(500);
  });
});
