import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with the calls to Mangopay's API below /v2.01/{ClientId} that match `paths` (every other
 * request, the OAuth token included, is passed on):
 * - `pass`: forwards and answers;
 * - `hang`: accepts the request and never answers (nothing reaches Mangopay);
 * - `withhold`: forwards (Mangopay acts) and never answers: the answer lost on the way;
 * - `rate-limit`: answers 429 with a reset and a Retry-After `seconds` away (nothing reaches Mangopay).
 */
export type Stall =
  | { readonly kind: 'pass' }
  | { readonly kind: 'hang'; readonly paths: RegExp }
  | { readonly kind: 'withhold'; readonly paths: RegExp }
  | { readonly kind: 'rate-limit'; readonly paths: RegExp; readonly seconds: number };

export interface StallingMangopayProxy {
  readonly baseUrl: string;
  readonly stall: (stall: Stall) => void;
  /** The method and path of every API request that matched a stall and was held or refused. */
  readonly stalled: () => ReadonlyArray<string>;
  readonly close: () => Promise<void>;
}

/** A Mangopay in front of another (a simulator): it can hang, lose answers or rate-limit chosen paths. */
export const startStallingMangopayProxy = async (target: string): Promise<StallingMangopayProxy> => {
  let current: Stall = { kind: 'pass' };
  const stalled: string[] = [];
  const sockets = new Set<Socket>();

  const forward = (incoming: IncomingMessage, body: Buffer, answer: ((response: IncomingMessage) => void) | undefined) => {
    const out = httpRequest(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } }, (response) => {
      if (answer === undefined) response.resume();
      else answer(response);
    });
    out.on('error', () => undefined);
    out.end(body);
  };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const stall = current;
      const matched = stall.kind !== 'pass' && stall.paths.test(incoming.url ?? '') && !(incoming.url ?? '').includes('/oauth/');
      if (!matched) {
        forward(incoming, body, (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        return;
      }
      stalled.push(`${incoming.method} ${incoming.url}`);
      if (stall.kind === 'withhold') forward(incoming, body, undefined);
      if (stall.kind === 'rate-limit') {
        const reset = Math.ceil(Date.now() / 1000) + stall.seconds;
        response.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(stall.seconds),
          'x-ratelimit': '2300,2300,2300,2300',
          'x-ratelimit-remaining': '0,0,0,0',
          'x-ratelimit-reset': [reset, reset, reset, reset].join(','),
        });
        response.end(JSON.stringify({ Message: 'Rate limit exceeded. Please contact support for more assistance', Type: 'rate_limit', errors: null }));
      }
      // hang and withhold: no answer, ever (the socket is destroyed at close).
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stall: (stall) => {
      current = stall;
    },
    stalled: () => [...stalled],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
