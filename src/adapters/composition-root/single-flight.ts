/**
 * Runs `work` so that calls never overlap: a call while it runs waits for one more run after it (which
 * covers everything asked for meanwhile), instead of queueing a run per call.
 */
export const singleFlight = (work: () => Promise<void>): (() => Promise<void>) => {
  let running: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  const run = (): Promise<void> => {
    running = work().finally(() => {
      running = undefined;
    });
    return running;
  };
  return () => {
    if (running === undefined) return run();
    again ??= running.then(() => {
      again = undefined;
      return run();
    });
    return again;
  };
};
