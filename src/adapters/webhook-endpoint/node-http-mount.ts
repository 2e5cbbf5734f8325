import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEndpoint } from './webhook-endpoint.js';
import { json, type WebhookResponse } from './webhook-response.js';

const write = (response: ServerResponse, answer: WebhookResponse, extra: Readonly<Record<string, string>> = {}): void => {
  response.writeHead(answer.status, { ...answer.headers, ...extra, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
};

const pathOf = (url: string | undefined): string => {
  const end = (url ?? '/').search(/[?#]/);
  const path = end === -1 ? (url ?? '/') : (url ?? '/').slice(0, end);
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
};

export interface WebhookMountOptions {
  /** Where the endpoint answers, e.g. `/hooks/mangopay` (a trailing slash is ignored). */
  readonly path: string;
  /** Requests for other paths; default a 404. */
  readonly otherwise?: RequestListener;
}

/** A node `http` request listener that hands requests for `path` to the endpoint. */
export const webhookRequestListener = (endpoint: WebhookEndpoint, options: WebhookMountOptions): RequestListener => {
  const mountedAt = pathOf(options.path);
  return (request: IncomingMessage, response: ServerResponse) => {
    if (pathOf(request.url) !== mountedAt) {
      if (options.otherwise !== undefined) return options.otherwise(request, response);
      request.resume();
      return write(response, json(404, { type: 'NOT_FOUND', message: 'Nothing is served at this path' }));
    }
    // A hook is a GET, with no body. Any other method is answered (405) without reading what it sends, and
    // the connection is closed rather than drained: a client that keeps sending cannot hold it.
    const hookMethod = request.method === 'GET';
    if (hookMethod) request.resume();
    void endpoint({ method: request.method, url: request.url, remoteAddress: request.socket.remoteAddress }).then(
      (answer) => write(response, answer, hookMethod ? {} : { connection: 'close' }),
      () => write(response, json(500, { type: 'INTERNAL_ERROR', message: 'The notification could not be recorded' })),
    );
  };
};

export interface WebhookHttpServer {
  readonly server: Server;
  /** e.g. http://127.0.0.1:41234/hooks/mangopay: the URL to register as the hooks' Url. */
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Starts a node `http` server with only the endpoint mounted (tests, benchmarks, a minimal deployment). */
export const startWebhookHttpServer = async (
  endpoint: WebhookEndpoint,
  options: WebhookMountOptions & { readonly host?: string; readonly port?: number },
): Promise<WebhookHttpServer> => {
  const server = createServer(webhookRequestListener(endpoint, options));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${port}${pathOf(options.path)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
