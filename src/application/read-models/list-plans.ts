import type { KycDocumentStatus, KycDocumentType } from '../../domain/kyc-document/index.js';
import type { CreationDateSort, DocumentListQuery, ListPage } from '../ports/kyc-read-model.js';

/**
 * A list query as the adapters execute it: filters that are present, the direction, and the window. Sorting
 * is on CreationDate, then on the id in the same direction, so equal dates never reorder between pages and
 * DESC is exactly ASC reversed.
 */
export interface ListWindow {
  readonly direction: 'ASC' | 'DESC';
  readonly limit: number;
  readonly offset: number;
}

export interface DocumentListPlan extends ListWindow {
  readonly userId: string | undefined;
  /** Strictly before (seed 002's BeforeDate). */
  readonly createdBefore: number | undefined;
  /** Strictly after (seed 002's AfterDate). */
  readonly createdAfter: number | undefined;
  /** Undefined when any status will do; never empty. */
  readonly statuses: ReadonlyArray<KycDocumentStatus> | undefined;
  readonly types: ReadonlyArray<KycDocumentType> | undefined;
}

/** The caller validates Page and Per_Page; anything below 1 (or not a number) is read as 1 rather than reaching SQL. */
const atLeastOne = (n: number): number => (Number.isFinite(n) && n >= 1 ? Math.trunc(n) : 1);

export const listWindow = (paging: { readonly page: number; readonly perPage: number; readonly sort: CreationDateSort }): ListWindow => {
  const limit = Math.min(atLeastOne(paging.perPage), Number.MAX_SAFE_INTEGER);
  return {
    direction: paging.sort === 'CreationDate:DESC' ? 'DESC' : 'ASC',
    limit,
    offset: Math.min((atLeastOne(paging.page) - 1) * limit, Number.MAX_SAFE_INTEGER),
  };
};

/** An empty list filter (`Status=`) is no filter, as an absent one. Repeats are dropped. */
const filterValues = <A>(values: ReadonlyArray<A> | undefined): ReadonlyArray<A> | undefined =>
  values === undefined || values.length === 0 ? undefined : [...new Set(values)];

export const documentListPlan = (query: DocumentListQuery): DocumentListPlan => ({
  ...listWindow(query),
  userId: query.userId,
  createdBefore: query.beforeDate,
  createdAfter: query.afterDate,
  statuses: filterValues(query.statuses),
  types: filterValues(query.types),
});

/** Mangopay's pagination headers: the total count and the number of pages at this page size (0 for no items). */
export const listPageOf = <Item>(items: ReadonlyArray<Item>, totalItems: number, window: ListWindow): ListPage<Item> => ({
  items,
  totalItems,
  totalPages: Math.ceil(totalItems / window.limit),
});
