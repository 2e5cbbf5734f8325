import { describe, expect, it } from 'vitest';
import { documentCountPlan } from '../../src/adapters/shared/read-model/document-count-plan.js';
import { countedSpans, documentSeek, fineBucketsOf, pageRange, refinedStart } from '../../src/adapters/shared/read-model/document-page-seek.js';
import { documentListPlan } from '../../src/application/read-models/list-plans.js';

const B = 2 ** 16;
const C = 64 * B;

describe('how an all-documents list finds its page from the counts (document-page-seek)', () => {
  // A window from inside fine bucket 63 to inside bucket 130: an edge, fine bucket 63 is the edge itself, coarse
  // bucket 1 whole (fine 64..127), fine 128..129, and the high edge in bucket 130.
  const plan = documentListPlan({ page: 1, perPage: 10, sort: 'CreationDate:ASC', afterDate: 63 * B + 99, beforeDate: 130 * B + 5 });
  const counted = documentCountPlan(plan);
  const spans = countedSpans(counted, {
    fine: [{ bucket: 128, documents: 4 }, { bucket: 129, documents: 0 }],
    coarse: [{ coarseBucket: 1, documents: 30 }],
    edges: [5, 2],
  });

  it('orders the spans by date and leaves empty ones out', () => {
    expect(spans.map((span) => [span.first, span.last, span.documents])).toEqual([
      [63 * B + 100, 64 * B - 1, 5],
      [C, 2 * C - 1, 30],
      [128 * B, 129 * B - 1, 4],
      [130 * B, 130 * B + 4, 2],
    ]);
  });

  it('finds the span of row Offset in ascending order, and the span of the page\u2019s last row', () => {
    const window = { direction: 'ASC' as const, limit: 10, offset: 3 };
    const seek = documentSeek(spans, window);
    expect(seek.total).toBe(41);
    expect(seek.start).toEqual({ span: spans[0], before: 0 });
    expect(seek.end).toEqual(spans[1]);
    expect(pageRange(seek.start!, seek.end!, window)).toEqual({ first: 63 * B + 100, last: 2 * C - 1, skip: 3 });
  });

  it('refines a start in a coarse bucket into its fine buckets, descending too', () => {
    // DESC: 2 (high edge) + 4 (bucket 128) come first, so row 20 is row 14 of the coarse bucket from its end.
    const window = { direction: 'DESC' as const, limit: 10, offset: 20 };
    const seek = documentSeek(spans, window);
    expect(seek.start).toEqual({ span: spans[1], before: 6 });
    expect(fineBucketsOf(1)).toEqual([64, 127]);
    const start = refinedStart(seek.start!, [{ bucket: 127, documents: 10 }, { bucket: 90, documents: 15 }, { bucket: 64, documents: 5 }], window);
    expect(start).toEqual({ span: { first: 90 * B, last: 91 * B - 1, documents: 15 }, before: 16 });
    // The page's last row (29) is in the same coarse bucket: read from its first date down from bucket 90's end.
    expect(pageRange(start, seek.end!, window)).toEqual({ first: C, last: 91 * B - 1, skip: 4 });
  });

  it('reads no row past the end, and refuses fine counts that do not add up to the coarse one', () => {
    expect(documentSeek(spans, { direction: 'ASC', limit: 10, offset: 41 })).toEqual({ total: 41, start: undefined, end: undefined });
    const seek = documentSeek(spans, { direction: 'ASC', limit: 10, offset: 6 });
    expect(() => refinedStart(seek.start!, [{ bucket: 64, documents: 29 }], { direction: 'ASC', limit: 10, offset: 6 })).toThrow(/disagree/);
  });
});
