import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { PersonalDataView, StreamTimeline } from '../../../application/audit/index.js';
import type { KycCoreDependencies } from '../../../application/platform-commands/index.js';
import type { KycReadModel } from '../../../application/ports/kyc-read-model.js';

/** A failure as the use cases and stores give it: a stable type code and a message in words. */
export type Failure = { readonly type: string; readonly message: string; readonly faults?: unknown };

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

/** What the platform API's routes work with: the use cases, the read model, the audit timelines, the probes. */
export interface PlatformRoutesDependencies {
  readonly core: KycCoreDependencies;
  readonly readModel: KycReadModel;
  /**
   * Brings the read model up to every event the store acknowledged before the call, whichever instance wrote
   * it; lists await it so a platform reads its own writes on any instance (a Left is answered 503).
   */
  readonly readModelCaughtUp: TaskEither<Failure, void>;
  /** A stream's timeline, its personal values as `view` shows them (the requesting key's role decides). */
  readonly timeline: (stream: string, view: PersonalDataView) => TaskEither<Failure, StreamTimeline>;
  /** Whether the service can do its work now (stores reachable, hooks registered): GET /ready. */
  readonly ready: () => Promise<Readiness>;
  /**
   * The in-process Mangopay simulator (its URL and the credentials of this start), for `kyc demo --url`: served
   * at GET /simulator behind the API key, never on an open route. Absent with the real Mangopay.
   */
  readonly simulator?: { readonly url: string; readonly clientId: string; readonly apiKey: string };
  /** Makes command ids for requests that bring no Idempotency-Key. */
  readonly newCommandId: () => string;
}

/** A framework-agnostic request handler mounted by the service (the Mangopay webhook endpoint). */
export type MountedHandler = (request: {
  readonly method: string;
  readonly url: string;
  readonly remoteAddress: string;
}) => Promise<{ readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }>;

/**
 * Mangopay's hooks: open (Mangopay sends no credential), at a path that may carry a secret segment, with a
 * budget of requests per minute per source address past which the answer is 429 (Mangopay retries).
 */
export interface WebhookMount {
  readonly path: string;
  readonly handle: MountedHandler;
  readonly maxPerMinutePerSource: number;
}
