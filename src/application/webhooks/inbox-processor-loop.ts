import * as E from 'fp-ts/lib/Either.js';
import type { WebhookInboxUnavailable } from '../ports/webhook-inbox.js';
import { processInbox, type InboxProcessingDependencies, type ProcessInboxReport } from './process-inbox.js';

export interface InboxProcessorOptions {
  /** Pause when nothing was due, unless woken earlier. Default 500 ms. */
  readonly idleMs?: number;
  /** Pause after the inbox itself failed. Default 2 s. */
  readonly failurePauseMs?: number;
  /** Told about every round that claimed something, e.g. for metrics or logs. */
  readonly onRound?: (report: ProcessInboxReport) => void;
  /** Told when a round could not reach the inbox (the loop keeps going). */
  readonly onInboxFailure?: (error: WebhookInboxUnavailable) => void;
  /** Told when a round threw, which no adapter should do; the loop pauses and keeps going. */
  readonly onUnexpectedError?: (error: unknown) => void;
}

export interface InboxProcessor {
  /** Ends the idle pause now: a new notification was recorded or replayed. */
  readonly wake: () => void;
  /** Finishes the round in progress, then stops. Resolves once nothing runs any more. */
  readonly stop: () => Promise<void>;
}

/**
 * The background processor a service starts: rounds of `processInbox` back to back while there is work,
 * an idle pause (cut short by `wake`) when there is none, a longer one when the inbox is unreachable.
 * Entries scheduled for a retry are picked up by the round after they fall due.
 */
export const startInboxProcessor = (deps: InboxProcessingDependencies, options: InboxProcessorOptions = {}): InboxProcessor => {
  const idleMs = options.idleMs ?? 500;
  const failurePauseMs = options.failurePauseMs ?? 2_000;
  let running = true;
  let woken = false;
  let cancelPause: (() => void) | undefined;

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (woken || !running) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        cancelPause = undefined;
        woken = false;
        resolve();
      }
      cancelPause = done;
    });

  const loop = async (): Promise<void> => {
    while (running) {
      let round: E.Either<WebhookInboxUnavailable, ProcessInboxReport>;
      try {
        round = await processInbox(deps)();
      } catch (error) {
        options.onUnexpectedError?.(error);
        await pause(failurePauseMs);
        continue;
      }
      if (!running) return;
      if (E.isLeft(round)) {
        options.onInboxFailure?.(round.left);
        await pause(failurePauseMs);
      } else if (round.right.claimed === 0) {
        await pause(idleMs);
      } else {
        options.onRound?.(round.right);
      }
    }
  };
  const finished = loop();

  return {
    wake: () => {
      woken = true;
      cancelPause?.();
    },
    stop: async () => {
      running = false;
      cancelPause?.();
      await finished;
    },
  };
};
