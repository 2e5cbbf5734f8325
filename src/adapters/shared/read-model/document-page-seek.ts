import type { ListWindow } from '../../../application/read-models/list-plans.js';
import { BUCKET_BITS, COARSE_BITS, type DocumentCountPlan } from './document-count-plan.js';

/**
 * How an all-documents list finds its page without walking its OFFSET (issue 18). The maintained counts say how
 * many matching documents each date span of the window holds (a coarse bucket, a fine bucket, or an edge of the
 * window counted row by row; see document-count-plan.ts): summed in the list's direction, they name the span where
 * row number `offset` falls and how many rows come before it. The page is then read from that span only: a seek by
 * date, skipping at most one fine bucket's matching rows, instead of skipping `offset` rows. A coarse span is first
 * refined into its fine buckets (one more read of the counts). Every answer stays exact: the total is the same sum
 * that X-Number-Of-Items always was, and the page is the same slice of the same order (dates never straddle spans,
 * so ties on the date stay within one span). SQLite runs these functions between its statements; PostgreSQL runs the
 * same steps in SQL, in one statement (allDocumentsPage in postgres-read-model-queries.ts).
 */
const BUCKET = 2 ** BUCKET_BITS;
const COARSE = 2 ** (BUCKET_BITS + COARSE_BITS);

/** A date span of the window (inclusive) with how many matching documents it holds. */
export interface CountedSpan {
  readonly first: number;
  readonly last: number;
  readonly documents: number;
  /** Set for a coarse bucket: the page's start is refined into its fine buckets before rows are read. */
  readonly coarseBucket?: number;
}

/** What the counts statement reads: matching documents per fine bucket, per coarse bucket, and per edge of `counted.edges`. */
export interface CountsRead {
  readonly fine: ReadonlyArray<{ readonly bucket: number; readonly documents: number }>;
  readonly coarse: ReadonlyArray<{ readonly coarseBucket: number; readonly documents: number }>;
  /** In the order of `counted.edges`. */
  readonly edges: ReadonlyArray<number>;
}

export const fineSpan = (bucket: number, documents: number): CountedSpan => ({ first: bucket * BUCKET, last: (bucket + 1) * BUCKET - 1, documents });

/** The window's spans in ascending date order (disjoint; spans without documents are left out). */
export const countedSpans = (counted: DocumentCountPlan, read: CountsRead): CountedSpan[] => {
  const spans: CountedSpan[] = [];
  for (const { bucket, documents } of read.fine) spans.push(fineSpan(bucket, documents));
  for (const { coarseBucket, documents } of read.coarse)
    spans.push({ first: coarseBucket * COARSE, last: (coarseBucket + 1) * COARSE - 1, documents, coarseBucket });
  counted.edges.forEach(([first, last], index) => spans.push({ first, last, documents: read.edges[index] ?? 0 }));
  return spans.filter((span) => span.documents !== 0).sort((a, b) => a.first - b.first);
};

/** The span holding row number `row` of the list (0-based, in `direction`), and how many rows come before it. */
export interface SpanStart {
  readonly span: CountedSpan;
  readonly before: number;
}

const locate = (spans: ReadonlyArray<CountedSpan>, direction: ListWindow['direction'], row: number): SpanStart | undefined => {
  let before = 0;
  for (let k = 0; k < spans.length; k++) {
    const span = spans[direction === 'ASC' ? k : spans.length - 1 - k] as CountedSpan;
    if (before + span.documents > row) return { span, before };
    before += span.documents;
  }
  return undefined;
};

export interface DocumentSeek {
  readonly total: number;
  /** Undefined when the page is past the end: no row is read. */
  readonly start: SpanStart | undefined;
  /** The span of the page's last row. */
  readonly end: CountedSpan | undefined;
}

export const documentSeek = (spans: ReadonlyArray<CountedSpan>, window: ListWindow): DocumentSeek => {
  const total = spans.reduce((sum, span) => sum + span.documents, 0);
  if (window.offset >= total) return { total, start: undefined, end: undefined };
  const start = locate(spans, window.direction, window.offset);
  const end = locate(spans, window.direction, Math.min(total, window.offset + window.limit) - 1);
  return { total, start, end: end?.span };
};

/** The fine buckets a coarse bucket is made of (inclusive), whose counts refine a start in it. */
export const fineBucketsOf = (coarseBucket: number): readonly [number, number] => [coarseBucket * 2 ** COARSE_BITS, (coarseBucket + 1) * 2 ** COARSE_BITS - 1];

/**
 * A start in a coarse bucket moved to the fine bucket of that row. The fine counts must add up to the coarse one
 * (both are read in one snapshot and kept together by triggers); if they do not, the list fails rather than
 * answering a page that may be wrong.
 */
export const refinedStart = (start: SpanStart, fine: ReadonlyArray<{ readonly bucket: number; readonly documents: number }>, window: ListWindow): SpanStart => {
  const spans = fine.map(({ bucket, documents }) => fineSpan(bucket, documents)).filter((span) => span.documents !== 0).sort((a, b) => a.first - b.first);
  const sum = spans.reduce((total, span) => total + span.documents, 0);
  if (sum !== start.span.documents) throw new Error(`document counts disagree: coarse bucket ${start.span.coarseBucket} holds ${start.span.documents}, its fine buckets ${sum}`);
  const found = locate(spans, window.direction, window.offset - start.before) as SpanStart;
  return { span: found.span, before: start.before + found.before };
};

/** The dates to read the page from (inclusive) and how many matching rows to skip there. */
export interface PageRange {
  readonly first: number;
  readonly last: number;
  readonly skip: number;
}

export const pageRange = (start: SpanStart, end: CountedSpan, window: ListWindow): PageRange =>
  window.direction === 'ASC'
    ? { first: start.span.first, last: Math.max(end.last, start.span.last), skip: window.offset - start.before }
    : { first: Math.min(end.first, start.span.first), last: start.span.last, skip: window.offset - start.before };
