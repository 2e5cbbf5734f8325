import type { Transition, TransitionTable } from '../../domain/shared/transition-table.js';

/** One step an aggregate took, as seen by replaying its events: the status before, the event, the status after. */
export interface ObservedStep {
  readonly from: string;
  readonly event: string;
  readonly to: string;
}

export interface TransitionCoverage<S extends string, C extends string, E extends string> {
  /** Counts a step; answers whether a row of the table matches it. */
  readonly visit: (step: ObservedStep) => boolean;
  /** Rows no visited step matched yet. */
  readonly unvisited: () => ReadonlyArray<Transition<S, C, E>>;
  /** Steps that match no row: the aggregate did something its table does not say it can. */
  readonly outsideTable: () => ReadonlyArray<ObservedStep & { readonly count: number }>;
  /** How often each row was visited, keyed `from --event--> to`. */
  readonly counts: () => ReadonlyMap<string, number>;
}

export const stepKey = (step: ObservedStep): string => `${step.from} --${step.event}--> ${step.to}`;

/**
 * Counts which rows of a transition table a test run visited, identifying a row by (from, event, to).
 * Several commands may record the same row (e.g. a submit, or an inferred submit on an observation):
 * a row counts as visited whichever command led to it.
 */
export const transitionCoverage = <S extends string, C extends string, E extends string>(
  table: TransitionTable<S, C, E>,
): TransitionCoverage<S, C, E> => {
  const rowKeys = new Map(table.map((row) => [stepKey(row), row] as const));
  const visits = new Map<string, number>([...rowKeys.keys()].map((key) => [key, 0]));
  const outside = new Map<string, ObservedStep & { count: number }>();
  return {
    visit: (step) => {
      const key = stepKey(step);
      if (rowKeys.has(key)) {
        visits.set(key, (visits.get(key) ?? 0) + 1);
        return true;
      }
      const seen = outside.get(key);
      outside.set(key, { from: step.from, event: step.event, to: step.to, count: (seen?.count ?? 0) + 1 });
      return false;
    },
    unvisited: () => [...rowKeys.entries()].filter(([key]) => visits.get(key) === 0).map(([, row]) => row),
    outsideTable: () => [...outside.values()],
    counts: () => new Map(visits),
  };
};

/**
 * The steps a batch of events takes from a state: each event applied in turn, with the status before and
 * after it. This is how a decision is matched against the table.
 */
export const stepsOf = <Ev extends { readonly type: string }, St extends { readonly status: string }>(
  evolve: (state: St, event: Ev) => St,
  before: St,
  events: ReadonlyArray<Ev>,
): { readonly steps: ReadonlyArray<ObservedStep>; readonly after: St } => {
  const steps: ObservedStep[] = [];
  let state = before;
  for (const event of events) {
    const next = evolve(state, event);
    steps.push({ from: state.status, event: event.type, to: next.status });
    state = next;
  }
  return { steps, after: state };
};
