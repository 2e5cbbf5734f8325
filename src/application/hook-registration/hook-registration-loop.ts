import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { HookEventType, MangopayApiError } from '../ports/mangopay-api.js';
import { heldElsewhere, type HookRegistration } from './register-hooks.js';

/** Where registration stands: what GET /ready reports. */
export type HookRegistrationStatus =
  | { readonly state: 'pending'; readonly failures: number }
  | { readonly state: 'held-elsewhere'; readonly heldElsewhere: ReadonlyArray<HookEventType> }
  | { readonly state: 'registered' };

export interface HookRegistrationLoopOptions {
  /** Pause after the first failure, doubled after each one up to `maxRetryMs`, with jitter. Default 1 s. */
  readonly firstRetryMs?: number;
  /** Default 60 s. */
  readonly maxRetryMs?: number;
  /** While hooks are held elsewhere, registration runs again this often: an operator may move them at Mangopay. Default 60 s. */
  readonly heldElsewhereRecheckMs?: number;
  readonly random?: () => number;
  /** An attempt failed (its error type only); the next one runs in `retryInMs`. */
  readonly onFailure?: (errorType: string, retryInMs: number) => void;
  /** Told when the event types held elsewhere change. */
  readonly onHeldElsewhere?: (eventTypes: ReadonlyArray<HookEventType>) => void;
  readonly onRegistered?: (registrations: ReadonlyArray<HookRegistration>) => void;
}

export interface HookRegistrationLoop {
  readonly status: () => HookRegistrationStatus;
  /** Settles once the first attempt has, whatever its outcome (never rejects). */
  readonly firstAttempt: Promise<void>;
  /** Ends the pause in progress and stops; resolves once no attempt runs. */
  readonly stop: () => Promise<void>;
}

/**
 * Registers the hooks in the background until every one is ours: after a failure (Mangopay unreachable,
 * refusing, rate limiting) again with exponential backoff, and while some are held elsewhere, again now and then.
 * Once registered it stops.
 */
export const startHookRegistration = (
  register: TaskEither<MangopayApiError, ReadonlyArray<HookRegistration>>,
  options: HookRegistrationLoopOptions = {},
): HookRegistrationLoop => {
  const firstRetryMs = options.firstRetryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const recheckMs = options.heldElsewhereRecheckMs ?? 60_000;
  const random = options.random ?? Math.random;
  let status: HookRegistrationStatus = { state: 'pending', failures: 0 };
  let running = true;
  let cancelPause: (() => void) | undefined;
  let firstSettled: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => {
    firstSettled = resolve;
  });

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (!running) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        cancelPause = undefined;
        resolve();
      }
      cancelPause = done;
    });

  const attempt = async (): Promise<E.Either<string, ReadonlyArray<HookRegistration>>> => {
    try {
      const result = await register();
      return E.isLeft(result) ? E.left(result.left.type) : result;
    } catch {
      return E.left('UNEXPECTED');
    }
  };

  const loop = async (): Promise<void> => {
    while (running) {
      const result = await attempt();
      if (!running) break;
      if (E.isLeft(result)) {
        const failures = status.state === 'pending' ? status.failures + 1 : 1;
        // Equal jitter: instances restarted together do not retry in step.
        const ceiling = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.min(failures - 1, 30));
        const retryInMs = Math.round(ceiling / 2 + (random() * ceiling) / 2);
        // A failure after hooks were found held elsewhere keeps that report: it is still the last known state.
        if (status.state !== 'held-elsewhere') status = { state: 'pending', failures };
        options.onFailure?.(result.left, retryInMs);
        firstSettled();
        await pause(retryInMs);
        continue;
      }
      const held = heldElsewhere(result.right);
      firstSettled();
      if (held.length === 0) {
        status = { state: 'registered' };
        options.onRegistered?.(result.right);
        break;
      }
      const before = status.state === 'held-elsewhere' ? status.heldElsewhere.join(',') : undefined;
      status = { state: 'held-elsewhere', heldElsewhere: held };
      if (before !== held.join(',')) options.onHeldElsewhere?.(held);
      await pause(recheckMs);
    }
    firstSettled();
  };
  const finished = loop();

  return {
    status: () => status,
    firstAttempt,
    stop: async () => {
      running = false;
      cancelPause?.();
      await finished;
    },
  };
};
