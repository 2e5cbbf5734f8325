import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * Makes an unhandled promise rejection fail the test it happened in (vitest alone reports it beside the run,
 * where it is easy to miss). Call once at the top of a test file. The rejection's text is not kept: it could
 * hold the hostile input, so the failure says only what kind of value it was.
 */
export const failOnUnhandledRejections = (): void => {
  const seen: string[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason instanceof Error ? `${reason.name} (${reason.stack?.split('\n')[1]?.trim() ?? 'no stack'})` : typeof reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterEach(() => {
    const found = seen.splice(0);
    expect(found, 'unhandled promise rejections during this test').toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', listener);
  });
};
