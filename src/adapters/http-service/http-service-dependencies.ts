import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { PersonalDataView, StreamTimeline } from '../../application/audit/index.js';
import type { KycCoreDependencies } from '../../application/platform-commands/index.js';
import type { KycReadModel } from '../../application/read-models/kyc-read-model.js';
import type { AuditorsConsoleDependencies } from '../auditors-console/index.js';
import type { ApiKeyGrant } from './api-key-roles.js';

/** A framework-agnostic request handler mounted by the service (the Mangopay webhook endpoint). */
export type MountedHandler = (request: {
  readonly method: string;
  readonly url: string;
  readonly remoteAddress: string;
}) => Promise<{ readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }>;

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

/**
 * What GET /ready answers: 200 `{ status: 'ready' }`, or 503 `{ status: 'not ready', reason }` with a fixed
 * reason code (never a secret or an internal URL) and, for HOOKS_HELD_ELSEWHERE, the event types concerned.
 */
export type Readiness =
  | { readonly ready: true }
  | {
      readonly ready: false;
      readonly reason: 'STORES_UNAVAILABLE' | 'HOOKS_NOT_REGISTERED' | 'HOOKS_HELD_ELSEWHERE';
      readonly hooksHeldElsewhere?: ReadonlyArray<string>;
    };

export interface HttpServiceDependencies {
  readonly core: KycCoreDependencies;
  readonly readModel: KycReadModel;
  /**
   * Brings the read model up to every event the store acknowledged before the call, whichever instance wrote
   * it; lists await it so a platform reads its own writes on any instance (a Left is answered 503).
   */
  readonly readModelCaughtUp: TaskEither<{ readonly type: string; readonly message: string }, void>;
  /** A stream's timeline, its personal values as `view` shows them (the requesting key's role decides). */
  readonly timeline: (stream: string, view: PersonalDataView) => TaskEither<{ readonly type: string; readonly message: string }, StreamTimeline>;
  /** Whether the service can do its work now (stores reachable, hooks registered): GET /ready. */
  readonly ready: () => Promise<Readiness>;
  /**
   * Mangopay's hooks: open (Mangopay sends no credential), at a path that may carry a secret segment, with a
   * budget of requests per minute per source address past which the answer is 429 (Mangopay retries).
   */
  readonly webhook?: { readonly path: string; readonly handle: MountedHandler; readonly maxPerMinutePerSource: number };
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
   * The in-process Mangopay simulator (its URL and the credentials of this start), for `kyc demo --url`: served
   * at GET /simulator behind the API key, never on an open route. Absent with the real Mangopay.
   */
  readonly simulator?: { readonly url: string; readonly clientId: string; readonly apiKey: string };
  /**
   * Proxies (addresses or CIDRs) whose X-Forwarded-For is believed: the source a hook's rate limit and allow-list
   * see is then the forwarded one, but only when the immediate peer is one of them. Absent or empty: the peer.
   */
  readonly trustProxy?: ReadonlyArray<string>;
  /** Makes command ids for requests that bring no Idempotency-Key. */
  readonly newCommandId: () => string;
  /** The auditors' console at /console (read-only, its own sign-in); absent: not served. */
  readonly console?: AuditorsConsoleDependencies;
}
