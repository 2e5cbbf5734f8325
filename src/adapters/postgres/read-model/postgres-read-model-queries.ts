import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import type { KycReadModel, ListPage, ReadModelUnavailable } from '../../../application/read-models/kyc-read-model.js';
import { documentListPlan, listPageOf, listWindow, type DocumentListPlan, type ListWindow } from '../../../application/read-models/list-plans.js';
import { readModelUnavailable } from '../../../application/read-models/read-model-errors.js';
import {
  documentSummaryOf,
  kycLevelOf,
  personalDataErasedAtOf,
  sessionSummaryOf,
  userProfileOf,
  type StoredDocumentRow,
  type StoredSessionRow,
  type StoredUserRow,
} from '../../../application/read-models/stored-rows.js';
import { userKycSummaryOf, type CountedDocument } from '../../../application/read-models/user-kyc-summary.js';
import { describeCause } from '../../shared/event-store/index.js';
import { documentCountPlan, firstIncluded, lastIncluded, type DocumentCountPlan } from '../../shared/read-model/document-count-plan.js';
import { countedSpans, documentSeek, fineBucketsOf, pageRange, refinedStart, type CountsRead } from '../../shared/read-model/document-page-seek.js';
import { quoteSchema } from '../schema/postgres-schema-migrations.js';
import { DOCUMENT_COARSE_COUNTS_TABLE, DOCUMENT_COUNTS_TABLE } from '../schema/read-model-migrations.js';

const DOCUMENT_COLUMNS = `document_id AS "documentId", user_id AS "userId", document_type AS "documentType", status, tag,
  creation_date AS "creationDate", processed_date AS "processedDate", refused_reason_type AS "refusedReasonType",
  refused_reason_unrecognized AS "refusedReasonUnrecognized", flags, page_count AS "pageCount", diverged`;

/** Placeholders ($1, $2, …) in the order their values are added. */
const parameterList = () => {
  const values: unknown[] = [];
  return {
    values,
    add: (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    },
  };
};
type Parameters = ReturnType<typeof parameterList>;

/**
 * The conditions of a document list. Dates are bound as bigint, the column's type: a numeric bound made the
 * planner compare every row (122 ms against 1.9 ms at 300,000 documents), so a non-integer bound is turned into
 * the integer one it means for an integer column instead (see document-count-plan.ts).
 */
const documentConditions = (plan: DocumentListPlan, parameters: Parameters, options: { readonly dates: boolean }): string[] => {
  const conditions: string[] = [];
  if (plan.userId !== undefined) conditions.push(`user_id = ${parameters.add(plan.userId)}`);
  if (options.dates && plan.createdAfter !== undefined) conditions.push(`creation_date >= ${parameters.add(firstIncluded(plan.createdAfter))}::bigint`);
  if (options.dates && plan.createdBefore !== undefined) conditions.push(`creation_date <= ${parameters.add(lastIncluded(plan.createdBefore))}::bigint`);
  if (plan.statuses !== undefined) conditions.push(`status = ANY(${parameters.add(plan.statuses)}::text[])`);
  if (plan.types !== undefined) conditions.push(`document_type = ANY(${parameters.add(plan.types)}::text[])`);
  return conditions;
};
const whereOf = (conditions: ReadonlyArray<string>): string => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`);

/** The two levels of maintained counts, schema-qualified. */
interface CountsTables {
  readonly fine: string;
  readonly coarse: string;
}

const between = (parameters: Parameters, column: string, [first, last]: readonly [number, number]) =>
  `${column} BETWEEN ${parameters.add(first)}::bigint AND ${parameters.add(last)}::bigint`;

/** The page's ids from an index alone (the date index carries status and type), then only the page's own rows. */
const pageOf = (table: string, plan: DocumentListPlan, parameters: Parameters, where: string, skip: number): string => {
  const order = `creation_date ${plan.direction}, document_id ${plan.direction}`;
  return `COALESCE((SELECT json_agg(p ORDER BY p."creationDate" ${plan.direction}, p."documentId" ${plan.direction})
        FROM (SELECT ${DOCUMENT_COLUMNS} FROM ${table} WHERE document_id IN (
                SELECT document_id FROM ${table} ${where} ORDER BY ${order}
                LIMIT ${parameters.add(plan.limit)} OFFSET ${parameters.add(skip)})) p), '[]'::json)`;
};

/** One user's list, in one statement (one snapshot): its total counted from its rows (a user has few), and the page. */
const userDocumentPage = (table: string, plan: DocumentListPlan): { readonly text: string; readonly values: ReadonlyArray<unknown> } => {
  const parameters = parameterList();
  const where = whereOf(documentConditions(plan, parameters, { dates: true }));
  const text = `SELECT (SELECT count(*) FROM ${table} ${where}) AS total, ${pageOf(table, plan, parameters, where, plan.offset)} AS items`;
  return { text, values: parameters.values };
};

/**
 * What an all-documents list's counts are, per span of its window (see document-page-seek.ts): matching documents
 * per fine bucket at the window's ends, per coarse bucket it covers whole, and per edge bucket (counted row by row).
 * Their sum is X-Number-Of-Items, exact.
 */
const documentCountsRead = (table: string, counts: CountsTables, plan: DocumentListPlan, counted: DocumentCountPlan): { readonly text: string; readonly values: ReadonlyArray<unknown> } | undefined => {
  const parameters = parameterList();
  const parts: string[] = [];
  // One range scan of the key per range of fine buckets (an OR of ranges may scan every row).
  for (const range of counted.fine) {
    const kinds = documentConditions(plan, parameters, { dates: false });
    parts.push(`(SELECT 'fine' AS kind, bucket AS key, sum(documents)::bigint AS documents FROM ${counts.fine} ${whereOf([between(parameters, 'bucket', range), ...kinds])} GROUP BY bucket)`);
  }
  if (counted.coarse !== undefined) {
    const kinds = documentConditions(plan, parameters, { dates: false });
    parts.push(
      `(SELECT 'coarse' AS kind, coarse_bucket AS key, sum(documents)::bigint AS documents FROM ${counts.coarse} ${whereOf([between(parameters, 'coarse_bucket', counted.coarse), ...kinds])} GROUP BY coarse_bucket)`,
    );
  }
  counted.edges.forEach((range, index) => {
    const kinds = documentConditions(plan, parameters, { dates: false });
    parts.push(`(SELECT 'edge' AS kind, ${index}::bigint AS key, count(*) AS documents FROM ${table} ${whereOf([...kinds, between(parameters, 'creation_date', range)])})`);
  });
  // An empty window binds nothing: a parameter no statement uses has no type PostgreSQL can infer.
  return parts.length === 0 ? undefined : { text: parts.join(' UNION ALL '), values: parameters.values };
};

const countsReadOf = (rows: ReadonlyArray<{ readonly kind: string; readonly key: string; readonly documents: string }>, edges: number): CountsRead => {
  const counts: { fine: Array<{ bucket: number; documents: number }>; coarse: Array<{ coarseBucket: number; documents: number }>; edges: number[] } = {
    fine: [],
    coarse: [],
    edges: Array.from({ length: edges }, () => 0),
  };
  for (const row of rows) {
    const key = Number(row.key);
    const documents = Number(row.documents);
    if (row.kind === 'fine') counts.fine.push({ bucket: key, documents });
    else if (row.kind === 'coarse') counts.coarse.push({ coarseBucket: key, documents });
    else counts.edges[key] = documents;
  }
  return counts;
};

/**
 * An all-documents list: the counts locate the page (document-page-seek.ts), which is then read from its span
 * only, so a deep page seeks by date instead of walking its OFFSET. Its statements run in one REPEATABLE READ
 * transaction, so the total, the seek and the rows are of one snapshot.
 */
const allDocumentsPage = async (client: pg.PoolClient, table: string, counts: CountsTables, plan: DocumentListPlan): Promise<{ readonly total: number; readonly items: ReadonlyArray<StoredDocumentRow> }> => {
  const counted = documentCountPlan(plan);
  const countsRead = documentCountsRead(table, counts, plan, counted);
  if (countsRead === undefined) return { total: 0, items: [] };
  const read = await client.query<{ kind: string; key: string; documents: string }>(countsRead.text, [...countsRead.values]);
  const seek = documentSeek(countedSpans(counted, countsReadOf(read.rows, counted.edges.length)), plan);
  if (seek.start === undefined || seek.end === undefined) return { total: seek.total, items: [] };
  let start = seek.start;
  if (start.span.coarseBucket !== undefined) {
    const parameters = parameterList();
    const where = whereOf([between(parameters, 'bucket', fineBucketsOf(start.span.coarseBucket)), ...documentConditions(plan, parameters, { dates: false })]);
    const fine = await client.query<{ bucket: string; documents: string }>(`SELECT bucket, sum(documents)::bigint AS documents FROM ${counts.fine} ${where} GROUP BY bucket`, [
      ...parameters.values,
    ]);
    start = refinedStart(start, fine.rows.map((row) => ({ bucket: Number(row.bucket), documents: Number(row.documents) })), plan);
  }
  const range = pageRange(start, seek.end, plan);
  const parameters = parameterList();
  const where = whereOf([between(parameters, 'creation_date', [range.first, range.last]), ...documentConditions(plan, parameters, { dates: false })]);
  const page = await client.query<{ items: StoredDocumentRow[] }>(`SELECT ${pageOf(table, plan, parameters, where, range.skip)} AS items`, [...parameters.values]);
  return { total: seek.total, items: (page.rows[0] as { items: StoredDocumentRow[] }).items };
};

/**
 * One statement answers a page with its total (one snapshot, one round trip): the count, and the page
 * aggregated as JSON in the list's order. Ids collate "C" in the tables.
 */
const pageWithTotal = (table: string, columns: string, filter: string, idColumn: string, window: ListWindow, firstWindowParameter: number): string => {
  const order = (prefix: string): string => `${prefix}"creationDate" ${window.direction}, ${prefix}"${idColumn}" ${window.direction}`;
  return `SELECT (SELECT count(*) FROM ${table} ${filter}) AS total,
            COALESCE((SELECT json_agg(p ORDER BY ${order('p.')})
              FROM (SELECT ${columns} FROM ${table} ${filter} ORDER BY ${order('')}
                    LIMIT $${firstWindowParameter} OFFSET $${firstWindowParameter + 1}) p), '[]'::json) AS items`;
};

interface PageRow<Row> {
  readonly total: string;
  readonly items: ReadonlyArray<Row>;
}

export const postgresReadModelQueries = (pool: pg.Pool, schema: string): KycReadModel => {
  const s = quoteSchema(schema);
  const read = async <A>(operation: string, work: () => Promise<A>): Promise<E.Either<ReadModelUnavailable, A>> => {
    try {
      return E.right(await work());
    } catch (error) {
      return E.left(readModelUnavailable(`PostgreSQL read model ${operation} failed (${describeCause(error)})`));
    }
  };
  const page = async <Row, Item>(text: string, values: ReadonlyArray<unknown>, window: ListWindow, toItem: (row: Row) => Item): Promise<ListPage<Item>> => {
    const result = await pool.query<PageRow<Row>>(text, [...values]);
    const row = result.rows[0] as PageRow<Row>;
    return listPageOf(row.items.map(toItem), Number(row.total), window);
  };

  return {
    listDocuments: (query) => () =>
      read('document list', async () => {
        const plan = documentListPlan(query);
        const table = `${s}.read_kyc_documents`;
        if (plan.userId !== undefined) {
          const { text, values } = userDocumentPage(table, plan);
          return page(text, values, plan, (row: StoredDocumentRow) => documentSummaryOf(row));
        }
        const client = await pool.connect();
        let settled = false;
        try {
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          const found = await allDocumentsPage(client, table, { fine: `${s}.${DOCUMENT_COUNTS_TABLE}`, coarse: `${s}.${DOCUMENT_COARSE_COUNTS_TABLE}` }, plan);
          await client.query('COMMIT');
          settled = true;
          return listPageOf(found.items.map(documentSummaryOf), found.total, plan);
        } finally {
          if (!settled) await client.query('ROLLBACK').catch(() => undefined);
          client.release(!settled);
        }
      }),
    listUserSessions: (userId, paging) => () =>
      read('session list', () => {
        const window = listWindow(paging);
        const columns = `session_id AS "sessionId", user_id AS "userId", status, tag, creation_date AS "creationDate", diverged`;
        const text = pageWithTotal(`${s}.read_idv_sessions`, columns, 'WHERE user_id = $1', 'sessionId', window, 2);
        return page(text, [userId, window.limit, window.offset], window, (row: StoredSessionRow) => sessionSummaryOf(row));
      }),
    userKyc: (userId) => () =>
      read('user KYC', async () => {
        const result = await pool.query<StoredUserRow & { readonly documents: CountedDocument[]; readonly sessions: string[] }>(
          `SELECT u.user_id AS "userId", u.person_type AS "personType", u.legal_person_type AS "legalPersonType",
                  u.user_category AS "userCategory", u.kyc_level AS "kycLevel", u.personal_data_erased_at AS "personalDataErasedAt",
                  COALESCE((SELECT json_agg(json_build_object('documentId', d.document_id, 'documentType', d.document_type))
                            FROM ${s}.read_user_counted_documents d WHERE d.user_id = u.user_id), '[]'::json) AS documents,
                  COALESCE((SELECT json_agg(c.session_id) FROM ${s}.read_user_counted_sessions c WHERE c.user_id = u.user_id), '[]'::json) AS sessions
           FROM ${s}.read_users u WHERE u.user_id = $1`,
          [userId],
        );
        const row = result.rows[0];
        return row === undefined
          ? undefined
          : userKycSummaryOf(row.userId, userProfileOf(row), kycLevelOf(row), row.documents, row.sessions, personalDataErasedAtOf(row));
      }),
  };
};
