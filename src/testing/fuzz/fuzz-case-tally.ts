import { afterAll } from 'vitest';

export interface FuzzCaseTally {
  /** Counts one case run against `boundary`; returns the running total for it. */
  readonly count: (boundary: string) => number;
  readonly counts: () => ReadonlyMap<string, number>;
}

/**
 * Counts the cases a fuzz file ran per boundary and prints the counts once, after the file's tests, so a run
 * shows how much was tried (a property that generated nothing would otherwise look like a pass).
 */
export const fuzzCaseTally = (file: string, print: (line: string) => void = (line) => console.info(line)): FuzzCaseTally => {
  const tally = new Map<string, number>();
  afterAll(() => {
    const lines = [...tally].map(([boundary, n]) => `  ${boundary}: ${n} cases`);
    print(`[fuzz] ${file}\n${lines.length === 0 ? '  (no cases ran)' : lines.join('\n')}`);
  });
  return {
    count: (boundary) => {
      const next = (tally.get(boundary) ?? 0) + 1;
      tally.set(boundary, next);
      return next;
    },
    counts: () => tally,
  };
};
