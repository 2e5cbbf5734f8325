import { expect } from 'vitest';
import type { MangopaySimulator } from '../../src/simulator/index.js';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** Raw HTTP to a simulator, as any Mangopay client would speak it (token first, then Bearer calls). */
export const rawClient = (simulator: MangopaySimulator, clientId: string, apiKey: string) => {
  let token: string | undefined;
  const authorization = async (): Promise<string> => {
    if (token === undefined) {
      const response = await fetch(`${simulator.baseUrl}/v2.01/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      token = ((await response.json()) as { access_token: string }).access_token;
    }
    return `Bearer ${token}`;
  };
  const read = async (response: Response): Promise<RawAnswer> => {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text.length === 0 ? undefined : JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, headers: response.headers, body };
  };
  return {
    /** `path` below /v2.01/{ClientId}; `body` is sent as given when it is a string, else as JSON. */
    call: async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> =>
      read(
        await fetch(`${simulator.baseUrl}/v2.01/${clientId}${path}`, {
          method,
          headers: { authorization: await authorization(), 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      ),
    /** The control API under /_simulator/, with Basic ClientId:ApiKey. */
    control: async (method: string, path: string, body?: unknown): Promise<RawAnswer> =>
      read(
        await fetch(`${simulator.baseUrl}/_simulator${path}`, {
          method,
          headers: { authorization: `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
  };
};

/** Mangopay's error body, as every refusal must have it. */
export const MANGOPAY_ERROR_SHAPE = {
  Message: expect.any(String),
  Type: expect.any(String),
  Id: expect.any(String),
  Date: expect.any(Number),
};
