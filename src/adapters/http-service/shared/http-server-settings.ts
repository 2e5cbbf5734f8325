import type { ApiKeyGrant } from '../../shared/http/index.js';

/** How long a client may take, in milliseconds. */
export interface HttpTimeouts {
  /** From the connection (or the end of the previous request) to the end of the request's headers. */
  readonly headers: number;
  /** From the connection to the end of the whole request, body included. */
  readonly request: number;
  /**
   * The time budget of one request, from the end of its body to its answer: past it the service answers 504
   * TIME_BUDGET_EXCEEDED (with Retry-After) whatever it is still waiting on, so a client always hears back.
   */
  readonly answer: number;
  /**
   * A socket with no traffic at all for this long is closed. Never less than `answer` plus a margin (it is raised
   * to that): a socket quiet because the service is still working on its request is answered, not cut.
   */
  readonly idle: number;
  /** How long a kept-alive connection waits for the next request. */
  readonly keepAlive: number;
  /**
   * How often node looks for connections past `headers` or `request`: a slow client is cut off at most this
   * long after its deadline (node's own default, 30 s, would let a slow client hold a socket three times as long).
   */
  readonly checkEvery: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headers: 10_000, request: 30_000, answer: 20_000, idle: 25_000, keepAlive: 5_000, checkEvery: 1_000 };

/** How much longer than the answer budget a quiet socket is kept: the 504 has time to be written. */
export const IDLE_MARGIN_MS = 5_000;

/** How the server is set up: who it lets in, how it logs, how long a client may take, whose X-Forwarded-For it believes. */
export interface HttpServerSettings {
  /**
   * The keys that open the API (`Authorization: Bearer <key>`), each with its role: what a key may call is
   * ROUTE_ROLES's; two of a role during a rotation.
   */
  readonly apiKeys: ReadonlyArray<ApiKeyGrant>;
  readonly logLevel: string;
  /** Where the log lines go (one JSON line each); default standard output. Tests capture them here. */
  readonly logStream?: { readonly write: (line: string) => void };
  /** Against slow clients; each one left out keeps its default (DEFAULT_HTTP_TIMEOUTS). */
  readonly timeouts?: Partial<HttpTimeouts>;
  /**
   * Proxies (addresses or CIDRs) whose X-Forwarded-For is believed: the source a hook's rate limit and allow-list
   * see is then the forwarded one, but only when the immediate peer is one of them. Absent or empty: the peer.
   */
  readonly trustProxy?: ReadonlyArray<string>;
  /** The hooks' path as configured (it may carry a secret segment): logged as `(Mangopay webhook)`, never as it is. */
  readonly webhookPath?: string;
}
