import { afterEach, describe, expect, it } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { MANGOPAY_ERROR_SHAPE, rawClient } from '../support/simulator-http.js';

let simulator: MangopaySimulator | undefined;
afterEach(() => simulator?.close());

const start = async (options: Partial<Parameters<typeof startMangopaySimulator>[0]> = {}) => {
  simulator = await startMangopaySimulator({ clientId: 'limits', apiKey: 'limits-key', ...options });
  return rawClient(simulator, 'limits', 'limits-key');
};

const values = (header: string | null): number[] => (header ?? '').split(',').map((value) => Number(value.trim()));

describe("Mangopay's rate limits", () => {
  it('every API answer carries x-ratelimit, -remaining and -reset for the four windows, 15 minutes first', async () => {
    const nowMs = 1_700_000_000_000;
    const http = await start({ now: () => nowMs });
    const first = await http.call('GET', '/users/user_m_nobody');
    expect(first.status).toBe(404);
    expect(values(first.headers.get('x-ratelimit'))).toEqual([1, 1, 1, 1]);
    expect(values(first.headers.get('x-ratelimit-remaining'))).toEqual([2299, 4499, 8799, 105_599]);
    const at = nowMs / 1000;
    expect(values(first.headers.get('x-ratelimit-reset'))).toEqual([at + 900, at + 1800, at + 3600, at + 86_400]);
    const second = await http.call('GET', '/hooks');
    expect(values(second.headers.get('x-ratelimit'))).toEqual([2, 2, 2, 2]);
  });

  it("past a window's limit the answer is 429 rate_limit with Mangopay's body, until the window resets", async () => {
    let nowMs = 1_700_000_000_000;
    const http = await start({ now: () => nowMs, rateLimits: [{ seconds: 60, limit: 2 }, { seconds: 3600, limit: 10 }] });
    expect((await http.call('GET', '/hooks')).status).toBe(200);
    expect((await http.call('GET', '/hooks')).status).toBe(200);
    const limited = await http.call('GET', '/hooks');
    expect(limited).toMatchObject({
      status: 429,
      body: { ...MANGOPAY_ERROR_SHAPE, Type: 'rate_limit', Message: 'Rate limit exceeded. Please contact support for more assistance', errors: null },
    });
    expect(values(limited.headers.get('x-ratelimit-remaining'))).toEqual([0, 8]);
    nowMs += 60_000;
    const again = await http.call('GET', '/hooks');
    expect(again.status).toBe(200);
    expect(values(again.headers.get('x-ratelimit'))).toEqual([1, 3]);
  });

  it('an injected 429 spends the shortest window until the reset it was given', async () => {
    const nowMs = 1_700_000_000_000;
    const http = await start({ now: () => nowMs });
    simulator?.control.injectFaults({ status: 429, count: 1, resetInSeconds: 5 });
    const limited = await http.call('GET', '/hooks');
    expect(limited.status).toBe(429);
    expect(values(limited.headers.get('x-ratelimit-remaining'))[0]).toBe(0);
    expect(values(limited.headers.get('x-ratelimit-reset'))[0]).toBe(nowMs / 1000 + 5);
    expect((await http.call('GET', '/hooks')).status).toBe(200);
  });
});
