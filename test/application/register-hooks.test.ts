import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { registerHooks } from '../../src/application/hook-registration/index.js';
import { HOOK_EVENT_TYPES, type AbsoluteUrl, type MangopayApi } from '../../src/application/ports/mangopay-api.js';

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
});
