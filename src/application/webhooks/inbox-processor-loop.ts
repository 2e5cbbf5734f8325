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
  /** Purges settled entries (processed, ignored) older than the retention, by the deps' clock. Absent: none purged. */
  readonly purge?: InboxPurgeOptions;
}

export interface InboxPurgeOptions {
  /** How long a processed or ignored entry is kept after it was settled. */
  readonly retentionMs: number;
  /** Time between purges. Default 1 h. */
  readonly everyMs?: number;
  /** Most entries deleted per statement (statements follow one another until fewer go). Default 1000. */
  readonly batchSize?: number;
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
 * Entries scheduled for a retry are picked up by the round after they fall due. With `purge`, settled entries
 * older than the retention are deleted before a round, once per `everyMs` (parked ones stay for an operator).
 */
export const startInboxProcessor = (deps: InboxProcessingDependencies, options: InboxProcessorOptions = {}): InboxProcessor => {
  const idleMs = options.idleMs ?? 500;
  const failurePauseMs = options.failurePauseMs ?? 2_000;
  let running = true;
  let woken = false;
  let cancelPause: (() => void) | undefined;
  let lastPurgeAt: number | undefined;

  /** A purge when one is due: first at start, then every `everyMs`; its failure is told like a round's. */
  const purgeIfDue = async (): Promise<void> => {
    const purge = options.purge;
    if (purge === undefined) return;
    const now = deps.clock.now();
    if (lastPurgeAt !== undefined && now.getTime() - lastPurgeAt < (purge.everyMs ?? 3_600_000)) return;
    lastPurgeAt = now.getTime();
    const limit = purge.batchSize ?? 1_000;
    const settledBefore = new Date(now.getTime() - purge.retentionMs);
    for (let purged = limit; purged === limit && running; ) {
      const result = await deps.inbox.purgeSettled({ settledBefore, limit })();
      if (E.isLeft(result)) return options.onInboxFailure?.(result.left);
      purged = result.right;
    }
  };

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
        await purgeIfDue();
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
