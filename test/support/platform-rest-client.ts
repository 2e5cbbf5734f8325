import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface PlatformAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The platform's side of `kyc serve`'s REST API, as a backend team calls it (Bearer key, Idempotency-Key on commands). */
export interface PlatformRestClient {
  readonly get: (path: string) => Promise<PlatformAnswer>;
  /** A command that must succeed: anything but a 2xx throws with the service's answer. */
  readonly command: (method: 'POST' | 'PUT', path: string, body: Json) => Promise<Json>;
}

export const platformRestClient = (baseUrl: string, apiKey: string): PlatformRestClient => ({
  get: async (path) => {
    const answer = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
    const text = await answer.text();
    return { status: answer.status, body: text.length === 0 ? undefined : JSON.parse(text) };
  },
  command: async (method, path, body) => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    const text = await answer.text();
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as Json;
  },
});
