import { describe, expect, it } from 'vitest';
import { documentListPlan } from '../../src/application/read-models/list-plans.js';
import { documentCountPlan, firstIncluded, lastIncluded } from '../../src/adapters/shared/read-model/document-count-plan.js';

const B = 2 ** 16;
const plan = (dates: { readonly afterDate?: number; readonly beforeDate?: number }) =>
  documentCountPlan(documentListPlan({ page: 1, perPage: 10, sort: 'CreationDate:ASC', ...dates }));

describe('how an all-documents list counts (maintained counts plus edge buckets)', () => {
  it('without dates sums every coarse bucket and counts no row', () => {
    expect(plan({})).toEqual({ fine: [], coarse: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], edges: [] });
  });

  it('a long window sums the coarse buckets it covers whole, the fine ones at its ends, and counts its two edges', () => {
    const C = 64 * B;
    expect(plan({ afterDate: C + 3 * B + 7, beforeDate: 4 * C + 2 * B + 1 })).toEqual({
      fine: [[68, 127], [256, 257]],
      coarse: [2, 3],
      edges: [[C + 3 * B + 8, C + 4 * B - 1], [4 * C + 2 * B, 4 * C + 2 * B]],
    });
    expect(plan({ beforeDate: -C - 0.5 })).toEqual({ fine: [[-128, -66]], coarse: [-Number.MAX_SAFE_INTEGER, -3], edges: [[-65 * B, -C - 1]] });
    expect(plan({ afterDate: C - 1 })).toEqual({ fine: [[65, 127]], coarse: [2, Number.MAX_SAFE_INTEGER], edges: [[C, C + B - 1]] });
  });

  it('a window over several buckets sums the whole ones between and counts its two edges row by row', () => {
    expect(plan({ afterDate: B + 10, beforeDate: 3 * B + 5 })).toEqual({
      fine: [[2, 2]],
      coarse: undefined,
      edges: [[B + 11, 2 * B - 1], [3 * B, 3 * B + 4]],
    });
  });

  it('a window inside one bucket is counted row by row, and an empty window counts nothing', () => {
    expect(plan({ afterDate: 10, beforeDate: 20 })).toEqual({ fine: [], coarse: undefined, edges: [[11, 19]] });
    expect(plan({ afterDate: 20, beforeDate: 21 })).toEqual({ fine: [], coarse: undefined, edges: [] });
  });

  it('strict non-integer bounds become the integer bounds they mean; NaN is above every date', () => {
    expect([firstIncluded(1.5), lastIncluded(1.5), firstIncluded(-1.5), lastIncluded(-1.5)]).toEqual([2, 1, -1, -2]);
    expect([firstIncluded(Number.NaN), lastIncluded(Number.NaN)]).toEqual([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
    expect(plan({ beforeDate: -B - 0.5 })).toEqual({ fine: [[-64, -3]], coarse: [-Number.MAX_SAFE_INTEGER, -2], edges: [[-2 * B, -B - 1]] });
  });
});
