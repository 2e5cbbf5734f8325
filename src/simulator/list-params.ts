/** "Pagination": 10 items a page unless Per_Page says otherwise, at most 100. */
const DEFAULT_PER_PAGE = 10;
const MAX_PER_PAGE = 100;

/** Mangopay's list parameters, read case-insensitively; bad values give Mangopay's `errors` map. */
export interface ListParams {
  readonly page: number;
  readonly perPage: number;
  readonly descending: boolean;
  readonly beforeDate: number | undefined;
  readonly afterDate: number | undefined;
  /** Comma-separated lists; a value no object has simply matches nothing. */
  readonly status: ReadonlySet<string> | undefined;
  readonly type: ReadonlySet<string> | undefined;
}

const positiveInteger = (raw: string): number | undefined => (/^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined);
const timestamp = (raw: string): number | undefined => (/^-?\d{1,12}$/.test(raw) ? Number(raw) : undefined);
const wordSet = (raw: string): ReadonlySet<string> =>
  new Set(raw.split(',').map((value) => value.trim()).filter((value) => value.length > 0));

export const readListParams = (
  query: URLSearchParams,
): { ok: true; params: ListParams } | { ok: false; errors: Record<string, string> } => {
  const get = (name: string): string | undefined => {
    for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
    return undefined;
  };
  const errors: Record<string, string> = {};
  const page = get('Page');
  const perPage = get('Per_Page');
  const sort = get('Sort');
  const before = get('BeforeDate');
  const after = get('AfterDate');
  const status = get('Status');
  const type = get('Type');
  if (page !== undefined && positiveInteger(page) === undefined) errors['Page'] = 'Page must be a positive integer.';
  if (perPage !== undefined && !((positiveInteger(perPage) ?? 0) <= MAX_PER_PAGE && positiveInteger(perPage) !== undefined)) {
    errors['Per_Page'] = `Per_Page must be an integer from 1 to ${MAX_PER_PAGE}.`;
  }
  if (sort !== undefined && !/^CreationDate:(ASC|DESC)$/i.test(sort)) errors['Sort'] = 'Sort must be CreationDate:ASC or CreationDate:DESC.';
  if (before !== undefined && timestamp(before) === undefined) errors['BeforeDate'] = 'BeforeDate must be a unix timestamp.';
  if (after !== undefined && timestamp(after) === undefined) errors['AfterDate'] = 'AfterDate must be a unix timestamp.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    params: {
      page: page === undefined ? 1 : Number(page),
      perPage: perPage === undefined ? DEFAULT_PER_PAGE : Number(perPage),
      descending: sort !== undefined && /:DESC$/i.test(sort),
      beforeDate: before === undefined ? undefined : Number(before),
      afterDate: after === undefined ? undefined : Number(after),
      status: status === undefined ? undefined : wordSet(status),
      type: type === undefined ? undefined : wordSet(type),
    },
  };
};

/** Orders by CreationDate (creation order breaks ties), cuts the page, and gives Mangopay's pagination headers. */
export const paginate = <T>(
  items: ReadonlyArray<T>,
  params: Pick<ListParams, 'page' | 'perPage' | 'descending'>,
  order: (item: T) => readonly [number, number],
): { readonly page: ReadonlyArray<T>; readonly headers: Record<string, string> } => {
  const sorted = [...items].sort((a, b) => {
    const [dateA, seqA] = order(a);
    const [dateB, seqB] = order(b);
    return dateA - dateB || seqA - seqB;
  });
  if (params.descending) sorted.reverse();
  const start = (params.page - 1) * params.perPage;
  return {
    page: sorted.slice(start, start + params.perPage),
    headers: {
      'x-number-of-items': String(sorted.length),
      'x-number-of-pages': String(Math.ceil(sorted.length / params.perPage)),
    },
  };
};
