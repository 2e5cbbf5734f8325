/**
 * How a model reads an observed provider status, from hand-written tables: where the provider can take the
 * aggregate from its status (and the statuses on the way), and which statuses lie behind it. Deliberately
 * not computed from the domain's transition table: the model is the second opinion.
 */
export type ObservedRoute<Status extends string> =
  | { readonly kind: 'same' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'ahead'; readonly through: ReadonlyArray<Status> }
  | { readonly kind: 'divergent' };

export interface LifecycleTables<Status extends string> {
  /** From each status: the statuses the provider can reach, each with the statuses entered on the way (the last is the target). */
  readonly routes: { readonly [From in Status]: Partial<Readonly<Record<Status, ReadonlyArray<Status>>>> };
  /** From each status: the statuses that may have come before it (an observation of one of them is late). */
  readonly behind: { readonly [From in Status]: ReadonlyArray<Status> };
}

export const routeTo = <Status extends string>(tables: LifecycleTables<Status>, from: Status, observed: string): ObservedRoute<Status> => {
  if (observed === from) return { kind: 'same' };
  const through = tables.routes[from][observed as Status];
  if (through !== undefined) return { kind: 'ahead', through };
  if ((tables.behind[from] as ReadonlyArray<string>).includes(observed)) return { kind: 'stale' };
  return { kind: 'divergent' };
};

/** An observed value as a model compares them: a known status as itself, an unknown one tagged so it never equals a known one. */
export const observationKey = (observed: string | { readonly unrecognized: string }): string =>
  typeof observed === 'string' ? observed : `?${observed.unrecognized}`;
