import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with the next requests. */
export type Misbehaviour =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly contentType: string | undefined;
      readonly body: string | Buffer;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Reads the request and never answers: the client's timeout has to end it. */
  | { readonly kind: 'hang' }
  /** Closes the connection without a word. */
  | { readonly kind: 'destroy' }
  /** Sends the head and part of the body (announcing all of it), then closes the connection. */
  | { readonly kind: 'cut'; readonly status: number; readonly body: string }
  /** Announces more body than it sends, then ends the response cleanly. */
  | { readonly kind: 'short'; readonly status: number; readonly body: string };

export interface MisbehavingServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** How the API paths answer from now on; the OAuth token path answers `token` (a valid token unless given). */
  readonly script: (api: Misbehaviour, token?: Misbehaviour) => void;
  /** The method and target of every API request received so far (the token requests left out), as sent. */
  readonly received: () => ReadonlyArray<string>;
  readonly close: () => Promise<void>;
}

const VALID_TOKEN: Misbehaviour = {
  kind: 'answer',
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify({ access_token: 'fuzz-token', token_type: 'Bearer', expires_in: 3600 }),
};

const act = (behaviour: Misbehaviour, response: ServerResponse, socket: Socket): void => {
  switch (behaviour.kind) {
    case 'hang':
      return;
    case 'destroy':
      socket.destroy();
      return;
    case 'cut': {
      const body = Buffer.from(behaviour.body);
      response.writeHead(behaviour.status, { 'content-type': 'application/json', 'content-length': String(body.length + 10) });
      response.write(body.subarray(0, Math.floor(body.length / 2)), () => socket.destroy());
      return;
    }
    case 'short': {
      // Bypasses node's own length check by writing the raw response on the socket.
      const body = Buffer.from(behaviour.body);
      socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${behaviour.status} X\r\ncontent-type: application/json\r\ncontent-length: ${body.length + 100}\r\n\r\n`), body]));
      return;
    }
    case 'answer': {
      const body = typeof behaviour.body === 'string' ? Buffer.from(behaviour.body) : behaviour.body;
      const headers: Record<string, string> = { ...behaviour.headers, 'content-length': String(body.length) };
      if (behaviour.contentType !== undefined) headers['content-type'] = behaviour.contentType;
      // A 204 or 304 cannot carry a body: node would refuse to write one.
      if (behaviour.status === 204 || behaviour.status === 304) {
        response.writeHead(behaviour.status, { ...behaviour.headers });
        response.end();
        return;
      }
      response.writeHead(behaviour.status, headers);
      response.end(body);
    }
  }
};

/**
 * A deliberately misbehaving stand-in for Mangopay on 127.0.0.1: every API request gets the scripted answer,
 * however wrong (any status, any body, wrong content type, a connection closed half-way, no answer at all).
 */
export const startMisbehavingServer = async (): Promise<MisbehavingServer> => {
  let api: Misbehaviour = { kind: 'answer', status: 200, contentType: 'application/json', body: '{}' };
  let token: Misbehaviour = VALID_TOKEN;
  const sockets = new Set<Socket>();
  const received: string[] = [];
  const server = createServer((request, response) => {
    const isToken = request.url?.endsWith('/oauth/token') === true;
    if (!isToken) received.push(`${request.method ?? '?'} ${request.url ?? ''}`);
    const behaviour = isToken ? token : api;
    // The request body is read first, so a closed connection is never a half-sent request's doing.
    request.resume();
    request.on('end', () => act(behaviour, response, request.socket));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up mid-answer resets the socket; that is the point, not a failure of the server.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    script: (nextApi, nextToken = VALID_TOKEN) => {
      api = nextApi;
      token = nextToken;
    },
    received: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
