import type { DocumentListPlan } from '../../../application/read-models/list-plans.js';

/**
 * How an all-documents list counts X-Number-Of-Items exactly without visiting every matching row: the counts
 * table holds the documents per (creation-date bucket, status, type), a bucket being `creation_date >> 16`
 * (2^16 s, about 18 hours), kept by the read model's triggers, and a coarse level per (`bucket >> 6`, status,
 * type) kept from it. A date window is whole buckets, summed from the coarse counts where 64 fine buckets are
 * covered whole and from the fine counts at the ends, plus at most two partly covered buckets at its edges, counted
 * row by row. A user's list counts its rows directly (a user has few).
 */
export const BUCKET_BITS = 16;
const BUCKET = 2 ** BUCKET_BITS;
/** Beyond any stored date (they are JavaScript integers) and still a bigint. */
const LIMIT = Number.MAX_SAFE_INTEGER;

/** Fine buckets per coarse one: a coarse bucket is `bucket >> 6`, `creation_date >> 22` (2^22 s, about 48 days). */
export const COARSE_BITS = 6;
const COARSE = 2 ** COARSE_BITS;

export interface DocumentCountPlan {
  /** Inclusive ranges of fine buckets summed from the fine counts: the ends of the window no coarse bucket covers whole. */
  readonly fine: ReadonlyArray<readonly [number, number]>;
  /** The inclusive range of coarse buckets summed from the coarse counts, if the window covers any whole. */
  readonly coarse: readonly [number, number] | undefined;
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

/**
 * The whole fine buckets from `lo` to `hi` (inclusive; undefined: unbounded), as coarse buckets where they cover one
 * whole and fine ones at the ends: an unfiltered list sums a few hundred count rows, not every fine bucket's.
 */
const wholeBuckets = (lo: number | undefined, hi: number | undefined): Pick<DocumentCountPlan, 'fine' | 'coarse'> => {
  const coarseLo = lo === undefined ? -LIMIT : Math.ceil(lo / COARSE);
  const coarseHi = hi === undefined ? LIMIT : Math.floor((hi + 1) / COARSE) - 1;
  if (coarseLo > coarseHi) return { fine: lo !== undefined && hi !== undefined && lo > hi ? [] : [[lo as number, hi as number]], coarse: undefined };
  const fine: Array<readonly [number, number]> = [];
  if (lo !== undefined && lo < coarseLo * COARSE) fine.push([lo, coarseLo * COARSE - 1]);
  if (hi !== undefined && (coarseHi + 1) * COARSE <= hi) fine.push([(coarseHi + 1) * COARSE, hi]);
  return { fine, coarse: [coarseLo, coarseHi] };
};

export const documentCountPlan = (plan: DocumentListPlan): DocumentCountPlan => {
  const first = firstIncluded(plan.createdAfter);
  const last = lastIncluded(plan.createdBefore);
  if (first > last) return { fine: [], coarse: undefined, edges: [] };
  const low = plan.createdAfter === undefined ? undefined : bucketOf(first);
  const high = plan.createdBefore === undefined ? undefined : bucketOf(last);
  if (low !== undefined && high !== undefined && low === high) return { fine: [], coarse: undefined, edges: [[first, last]] };
  const edges: Array<readonly [number, number]> = [];
  if (low !== undefined) edges.push([first, Math.min(last, (low + 1) * BUCKET - 1)]);
  if (high !== undefined) edges.push([Math.max(first, high * BUCKET), last]);
  return { ...wholeBuckets(low === undefined ? undefined : low + 1, high === undefined ? undefined : high - 1), edges };
};
