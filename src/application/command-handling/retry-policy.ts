/**
 * How a command handler retries after losing a race for a stream version: a bounded number of attempts,
 * each after a randomised ("full jitter") exponential pause so racing handlers spread out.
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Waits before attempt `attempt` (2, 3, …). */
  readonly pause: (attempt: number) => Promise<void>;
}

export const jitteredBackoff = (options: {
  readonly maxAttempts?: number;
  readonly baseMs?: number;
  readonly capMs?: number;
  readonly random?: () => number;
}): RetryPolicy => {
  const { maxAttempts = 8, baseMs = 2, capMs = 200, random = Math.random } = options;
  return {
    maxAttempts,
    pause: (attempt) => {
      const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
      const ms = random() * ceiling;
      return ms < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
};

/** For tests and in-process callers that want retries without waiting. */
export const immediateRetry = (maxAttempts = 8): RetryPolicy => ({ maxAttempts, pause: () => Promise.resolve() });
