import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { registerHooks } from '../../src/application/hook-registration/index.js';
import { DOCUMENTED_HOOK_EVENT_TYPES, HOOK_EVENT_TYPES, SDK_NAMED_HOOK_EVENT_TYPES, type AbsoluteUrl, type MangopayApi } from '../../src/application/ports/mangopay-api.js';

describe('registering the hooks the core handles', () => {
  let simulator: MangopaySimulator;
  let mangopay: MangopayApi;
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'hooks-test', apiKey: 'key' });
    mangopay = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'hooks-test', apiKey: 'key' });
  });
  afterAll(() => simulator.close());

  const hooks = async () => {
    const listed = await mangopay.listHooks({ page: 1, perPage: 100 })();
    if (E.isLeft(listed)) throw new Error(listed.left.type);
    return listed.right.items;
  };

  it('creates one hook per event type, then leaves them alone; leaves them at a former URL unless told to take them over', async () => {
    const first = await registerHooks(mangopay, 'http://127.0.0.1:3000/webhooks/mangopay' as AbsoluteUrl)();
    expect(E.isRight(first) && first.right.every((r) => r.action === 'created')).toBe(true);
    expect((await hooks()).map((h) => h.eventType).sort()).toEqual([...HOOK_EVENT_TYPES].sort());

    const again = await registerHooks(mangopay, 'http://127.0.0.1:3000/webhooks/mangopay' as AbsoluteUrl)();
    expect(E.isRight(again) && again.right.every((r) => r.action === 'unchanged')).toBe(true);

    const held = await registerHooks(mangopay, 'http://127.0.0.1:4000/webhooks/mangopay' as AbsoluteUrl)();
    expect(E.isRight(held) && held.right.every((r) => r.action === 'held-elsewhere')).toBe(true);
    expect((await hooks()).every((h) => h.url === 'http://127.0.0.1:3000/webhooks/mangopay')).toBe(true);

    const moved = await registerHooks(mangopay, 'http://127.0.0.1:4000/webhooks/mangopay' as AbsoluteUrl, { takeOver: true })();
    expect(E.isRight(moved) && moved.right.every((r) => r.action === 'updated')).toBe(true);
    expect((await hooks()).every((h) => h.url === 'http://127.0.0.1:4000/webhooks/mangopay')).toBe(true);
    expect(await hooks()).toHaveLength(HOOK_EVENT_TYPES.length);
  });

  it("registers every documented IDV type and the SDK-named TIMEOUT and PENDING; a Mangopay refusing those two still registers the rest", async () => {
    expect(HOOK_EVENT_TYPES.filter((type) => type.startsWith('IDENTITY_VERIFICATION_'))).toEqual([
      'IDENTITY_VERIFICATION_VALIDATED',
      'IDENTITY_VERIFICATION_FAILED',
      'IDENTITY_VERIFICATION_INCONCLUSIVE',
      'IDENTITY_VERIFICATION_OUTDATED',
      'IDENTITY_VERIFICATION_TIMEOUT',
      'IDENTITY_VERIFICATION_PENDING',
    ]);
    const other = await startMangopaySimulator({ clientId: 'hooks-refusing', apiKey: 'key' });
    try {
      const api = createMangopayHttpClient({ baseUrl: other.baseUrl, clientId: 'hooks-refusing', apiKey: 'key' });
      const sdkNamed: ReadonlyArray<string> = SDK_NAMED_HOOK_EVENT_TYPES;
      // A Mangopay that has not (or no longer) the types only its SDKs name: 400, as for any unknown EventType.
      const refusing: MangopayApi = {
        ...api,
        createHook: (request, key) =>
          sdkNamed.includes(request.eventType)
            ? async () => E.left({ type: 'MANGOPAY_REQUEST_REFUSED', message: 'EventType: unknown', status: 400, mangopay: null })
            : api.createHook(request, key),
      };
      const registered = await registerHooks(refusing, 'http://127.0.0.1:3000/webhooks/mangopay' as AbsoluteUrl)();
      expect(E.isRight(registered)).toBe(true);
      const actions = E.isRight(registered) ? Object.fromEntries(registered.right.map((r) => [r.eventType, r.action])) : {};
      for (const type of DOCUMENTED_HOOK_EVENT_TYPES) expect(actions[type]).toBe('created');
      for (const type of SDK_NAMED_HOOK_EVENT_TYPES) expect(actions[type]).toBe('refused-by-mangopay');
    } finally {
      await other.close();
    }
  });
});
