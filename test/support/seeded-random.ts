/**
 * A small seeded generator (mulberry32), so that a chaos run's choices can be replayed from its seed alone.
 * Not for anything secret: tests only.
 */
export interface SeededRandom {
  readonly seed: number;
  /** In [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max]. */
  readonly int: (min: number, max: number) => number;
  readonly pick: <T>(items: ReadonlyArray<T>) => T;
  readonly chance: (probability: number) => boolean;
  /** A choice among weighted options. */
  readonly weighted: <T extends string>(weights: Readonly<Record<T, number>>) => T;
}

export const seededRandom = (seed: number): SeededRandom => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from nothing');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    chance: (probability) => next() < probability,
    weighted: (weights) => {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [option, weight] of entries) {
        roll -= weight;
        if (roll < 0) return option;
      }
      return (entries[entries.length - 1] as [keyof typeof weights, number])[0];
    },
  };
};

/** The seed from `variable` when set (to replay a run), else a fresh one; the caller prints it. */
export const seedFromEnvironment = (variable: string): number => {
  const given = process.env[variable];
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`${variable} must be a non-negative integer`);
  return seed;
};
