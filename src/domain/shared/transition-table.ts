/**
 * A transition table is data: one row per legal step of an aggregate's life. `decide`, the generated
 * docs, the reconciliation of provider observations and the totality tests all read the same rows.
 */
export type Actor = 'platform' | 'mangopay';

export interface Transition<Status extends string, Command extends string, Event extends string> {
  readonly from: Status;
  readonly to: Status;
  /** The command that asks for this step (for Mangopay's steps: the observation command). */
  readonly command: Command;
  /** The event that records it. */
  readonly event: Event;
  /** Who decides this step: the platform through this core, or Mangopay. */
  readonly by: Actor;
}

export type TransitionTable<Status extends string, Command extends string, Event extends string> = ReadonlyArray<
  Transition<Status, Command, Event>
>;

/** Rows a command may take from a status. An empty answer means the command is not allowed there. */
export const rowsFor = <S extends string, C extends string, E extends string>(
  table: TransitionTable<S, C, E>,
  from: S,
  command: C,
): ReadonlyArray<Transition<S, C, E>> => table.filter((row) => row.from === from && row.command === command);

/** Shortest chain of status-changing rows leading from one status to another, if any. */
export const pathBetween = <S extends string, C extends string, E extends string>(
  table: TransitionTable<S, C, E>,
  from: S,
  to: S,
): ReadonlyArray<Transition<S, C, E>> | undefined => {
  if (from === to) return [];
  const cameFrom = new Map<S, Transition<S, C, E>>();
  const visited = new Set<S>([from]);
  const queue: S[] = [from];
  while (queue.length > 0) {
    const status = queue.shift() as S;
    for (const row of table) {
      if (row.from !== status || row.from === row.to || visited.has(row.to)) continue;
      visited.add(row.to);
      cameFrom.set(row.to, row);
      if (row.to === to) {
        const path: Transition<S, C, E>[] = [];
        for (let at: S = to; at !== from; ) {
          const step = cameFrom.get(at) as Transition<S, C, E>;
          path.unshift(step);
          at = step.from;
        }
        return path;
      }
      queue.push(row.to);
    }
  }
  return undefined;
};

/**
 * How an observed provider status relates to the local one:
 * - `same`: a duplicated observation, nothing to record;
 * - `stale`: the observed status is behind the local one (a late hook), nothing to record;
 * - `ahead`: reachable by legal steps, which are returned (all but the last are inferred);
 * - `divergent`: neither, the provider and the core disagree and the divergence must be recorded.
 */
export type ObservedStatus<S extends string, C extends string, E extends string> =
  | { readonly kind: 'same' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'ahead'; readonly path: ReadonlyArray<Transition<S, C, E>> }
  | { readonly kind: 'divergent' };

export const classifyObservedStatus = <S extends string, C extends string, E extends string>(
  table: TransitionTable<S, C, E>,
  local: S,
  observed: S,
): ObservedStatus<S, C, E> => {
  if (local === observed) return { kind: 'same' };
  const forward = pathBetween(table, local, observed);
  if (forward !== undefined) return { kind: 'ahead', path: forward };
  if (pathBetween(table, observed, local) !== undefined) return { kind: 'stale' };
  return { kind: 'divergent' };
};

/** Statuses no row leaves: final. */
export const finalStatuses = <S extends string, C extends string, E extends string>(
  table: TransitionTable<S, C, E>,
  statuses: ReadonlyArray<S>,
): ReadonlyArray<S> => statuses.filter((status) => !table.some((row) => row.from === status && row.to !== status));
