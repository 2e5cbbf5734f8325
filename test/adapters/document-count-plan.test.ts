import { describe, expect, it } from 'vitest';
import { documentListPlan } from '../../src/application/read-models/list-plans.js';
import { documentCountPlan, firstIncluded, lastIncluded } from '../../src/adapters/shared/read-model/document-count-plan.js';

const B = 2 ** 16;
const plan = (dates: { readonly afterDate?: number; readonly beforeDate?: number }) =>
  documentCountPlan(documentListPlan({ page: 1, perPage: 10, sort: 'CreationDate:ASC', ...dates }));

describe('how an all-documents list counts (maintained counts plus edge buckets)', () => {
  it('without dates sums every bucket and counts no row', () => {
    expect(plan({})).toEqual({ bucketsAbove: -Number.MAX_SAFE_INTEGER, bucketsBelow: Number.MAX_SAFE_INTEGER, edges: [] });
  });

  it('a window over several buckets sums the whole ones between and counts its two edges row by row', () => {
    expect(plan({ afterDate: B + 10, beforeDate: 3 * B + 5 })).toEqual({
      bucketsAbove: 1,
      bucketsBelow: 3,
      edges: [[B + 11, 2 * B - 1], [3 * B, 3 * B + 4]],
    });
  });

  it('a window inside one bucket is counted row by row, and an empty window counts nothing', () => {
    expect(plan({ afterDate: 10, beforeDate: 20 })).toEqual({ bucketsAbove: 0, bucketsBelow: 0, edges: [[11, 19]] });
    expect(plan({ afterDate: 20, beforeDate: 21 })).toEqual({ bucketsAbove: 0, bucketsBelow: 0, edges: [] });
  });

  it('strict non-integer bounds become the integer bounds they mean; NaN is above every date', () => {
    expect([firstIncluded(1.5), lastIncluded(1.5), firstIncluded(-1.5), lastIncluded(-1.5)]).toEqual([2, 1, -1, -2]);
    expect([firstIncluded(Number.NaN), lastIncluded(Number.NaN)]).toEqual([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
    expect(plan({ beforeDate: -B - 0.5 })).toEqual({ bucketsAbove: -Number.MAX_SAFE_INTEGER, bucketsBelow: -2, edges: [[-2 * B, -B - 1]] });
  });
});
