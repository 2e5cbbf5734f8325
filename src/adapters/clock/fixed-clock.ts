import type { Clock } from '../../application/ports/clock.js';

/** A clock for tests and replays: it says what it is told, and moves only when asked. */
export interface FixedClock extends Clock {
  readonly set: (at: Date) => void;
  readonly advanceSeconds: (seconds: number) => void;
}

export const fixedClock = (start: Date = new Date('2026-01-01T00:00:00Z')): FixedClock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advanceSeconds: (seconds) => {
      current += seconds * 1000;
    },
  };
};
