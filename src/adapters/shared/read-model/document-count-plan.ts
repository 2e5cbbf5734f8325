import type { DocumentListPlan } from '../../../application/read-models/list-plans.js';

/**
 * How an all-documents list counts X-Number-Of-Items exactly without visiting every matching row: the counts
 * table holds the documents per (creation-date bucket, status, type), a bucket being `creation_date >> 16`
 * (2^16 s, about 18 hours), kept by the read model's triggers. A date window is whole buckets, summed from the
 * counts, plus at most two partly covered buckets at its edges, counted row by row. A user's list counts its
 * rows directly (a user has few).
 */
export const BUCKET_BITS = 16;
const BUCKET = 2 ** BUCKET_BITS;
/** Beyond any stored date (they are JavaScript integers) and still a bigint. */
const LIMIT = Number.MAX_SAFE_INTEGER;

export interface DocumentCountPlan {
  /** Whole buckets strictly between these are summed from the counts. */
  readonly bucketsAbove: number;
  readonly bucketsBelow: number;
  /** Inclusive creation_date ranges counted row by row (the partly covered edge buckets); none without dates. */
  readonly edges: ReadonlyArray<readonly [number, number]>;
}

/** The integer bounds a strict bound means for an integer column: `> 1.5` is `>= 2`, `< 1.5` is `<= 1`. */
// NaN is read as numeric's NaN was, above every number: nothing is after it, everything before it.
export const firstIncluded = (after: number | undefined): number =>
  after === undefined ? -LIMIT : Number.isNaN(after) ? LIMIT : Math.min(LIMIT, Math.max(-LIMIT, Math.floor(after) + 1));
export const lastIncluded = (before: number | undefined): number =>
  before === undefined || Number.isNaN(before) ? LIMIT : Math.min(LIMIT, Math.max(-LIMIT, Math.ceil(before) - 1));

const bucketOf = (date: number): number => Math.floor(date / BUCKET);

export const documentCountPlan = (plan: DocumentListPlan): DocumentCountPlan => {
  const first = firstIncluded(plan.createdAfter);
  const last = lastIncluded(plan.createdBefore);
  if (first > last) return { bucketsAbove: 0, bucketsBelow: 0, edges: [] };
  const low = plan.createdAfter === undefined ? undefined : bucketOf(first);
  const high = plan.createdBefore === undefined ? undefined : bucketOf(last);
  if (low !== undefined && high !== undefined && low === high) return { bucketsAbove: 0, bucketsBelow: 0, edges: [[first, last]] };
  const edges: Array<readonly [number, number]> = [];
  if (low !== undefined) edges.push([first, Math.min(last, (low + 1) * BUCKET - 1)]);
  if (high !== undefined) edges.push([Math.max(first, high * BUCKET), last]);
  return { bucketsAbove: low ?? -LIMIT, bucketsBelow: high ?? LIMIT, edges };
};
