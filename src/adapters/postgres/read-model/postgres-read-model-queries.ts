import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import type { KycReadModel, ListPage, ReadModelUnavailable } from '../../../application/ports/kyc-read-model.js';
import { documentListPlan, listPageOf, listWindow, type DocumentListPlan, type ListWindow } from '../../../application/read-models/list-plans.js';
import { readModelUnavailable } from '../../../application/ports/read-model-errors.js';
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
import { documentCountPlan, firstIncluded, lastIncluded } from '../../shared/read-model/document-count-plan.js';
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

/**
 * X-Number-Of-Items, exact. A user's list counts its rows; the list of all documents sums the maintained counts
 * and counts row by row only the edge buckets of a date window (see document-count-plan.ts).
 */
/** The two levels of maintained counts, schema-qualified. */
interface CountsTables {
  readonly fine: string;
  readonly coarse: string;
}

const documentTotal = (table: string, counts: CountsTables, plan: DocumentListPlan, parameters: Parameters): string => {
  if (plan.userId !== undefined) return `(SELECT count(*) FROM ${table} ${whereOf(documentConditions(plan, parameters, { dates: true }))})`;
  const counted = documentCountPlan(plan);
  // An empty window binds nothing: a parameter no statement uses has no type PostgreSQL can infer.
  if (counted.fine.length === 0 && counted.coarse === undefined && counted.edges.length === 0) return '0::bigint';
  const kinds = documentConditions(plan, parameters, { dates: false });
  const between = (column: string, [first, last]: readonly [number, number]) =>
    `${column} BETWEEN ${parameters.add(first)}::bigint AND ${parameters.add(last)}::bigint`;
  const parts: string[] = [];
  // One sum per range of fine buckets: each is a range scan of the key (an OR of ranges may scan every row).
  for (const range of counted.fine) parts.push(`(SELECT coalesce(sum(documents), 0) FROM ${counts.fine} ${whereOf([between('bucket', range), ...kinds])})`);
  if (counted.coarse !== undefined) {
    parts.push(`(SELECT coalesce(sum(documents), 0) FROM ${counts.coarse} ${whereOf([between('coarse_bucket', counted.coarse), ...kinds])})`);
  }
  if (counted.edges.length > 0) {
    const edges = counted.edges.map((range) => between('creation_date', range)).join(' OR ');
    parts.push(`(SELECT count(*) FROM ${table} ${whereOf([...kinds, `(${edges})`])})`);
  }
  return `(${parts.join(' + ')})`;
};

/**
 * A page of documents with its total, in one statement (one snapshot, one round trip). The page's ids are found
 * first, from the index alone (the date index carries status and type), so a deep page skips its OFFSET rows
 * without reading them from the table; only the page's own rows are then read.
 */
const documentPage = (table: string, counts: CountsTables, plan: DocumentListPlan): { readonly text: string; readonly values: ReadonlyArray<unknown> } => {
  const parameters = parameterList();
  const total = documentTotal(table, counts, plan, parameters);
  const where = whereOf(documentConditions(plan, parameters, { dates: true }));
  const order = (prefix: string): string => `${prefix}creation_date ${plan.direction}, ${prefix}document_id ${plan.direction}`;
  const text = `SELECT ${total} AS total,
      COALESCE((SELECT json_agg(p ORDER BY p."creationDate" ${plan.direction}, p."documentId" ${plan.direction})
        FROM (SELECT ${DOCUMENT_COLUMNS} FROM ${table} WHERE document_id IN (
                SELECT document_id FROM ${table} ${where} ORDER BY ${order('')}
                LIMIT ${parameters.add(plan.limit)} OFFSET ${parameters.add(plan.offset)})) p), '[]'::json) AS items`;
  return { text, values: parameters.values };
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
      read('document list', () => {
        const plan = documentListPlan(query);
        const { text, values } = documentPage(`${s}.read_kyc_documents`, { fine: `${s}.${DOCUMENT_COUNTS_TABLE}`, coarse: `${s}.${DOCUMENT_COARSE_COUNTS_TABLE}` }, plan);
        return page(text, values, plan, (row: StoredDocumentRow) => documentSummaryOf(row));
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
        const result = await pool.query<StoredUserRow & { readonly documents: CountedDocument[]; readonly sessions: string[]; readonly uboDeclarations: string[] }>(
          `SELECT u.user_id AS "userId", u.person_type AS "personType", u.legal_person_type AS "legalPersonType",
                  u.user_category AS "userCategory", u.kyc_level AS "kycLevel", u.personal_data_erased_at AS "personalDataErasedAt",
                  COALESCE((SELECT json_agg(json_build_object('documentId', d.document_id, 'documentType', d.document_type))
                            FROM ${s}.read_user_counted_documents d WHERE d.user_id = u.user_id), '[]'::json) AS documents,
                  COALESCE((SELECT json_agg(c.session_id) FROM ${s}.read_user_counted_sessions c WHERE c.user_id = u.user_id), '[]'::json) AS sessions,
                  COALESCE((SELECT json_agg(v.declaration_id) FROM ${s}.read_user_validated_ubo_declarations v WHERE v.user_id = u.user_id), '[]'::json)
                    AS "uboDeclarations"
           FROM ${s}.read_users u WHERE u.user_id = $1`,
          [userId],
        );
        const row = result.rows[0];
        return row === undefined
          ? undefined
          : userKycSummaryOf(row.userId, userProfileOf(row), kycLevelOf(row), row.documents, row.sessions, personalDataErasedAtOf(row), row.uboDeclarations);
      }),
  };
};
