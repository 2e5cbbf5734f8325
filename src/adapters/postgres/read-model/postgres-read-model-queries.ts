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
import { quoteSchema } from '../schema/postgres-schema-migrations.js';

const DOCUMENT_COLUMNS = `document_id AS "documentId", user_id AS "userId", document_type AS "documentType", status, tag,
  creation_date AS "creationDate", processed_date AS "processedDate", refused_reason_type AS "refusedReasonType",
  refused_reason_unrecognized AS "refusedReasonUnrecognized", flags, page_count AS "pageCount", diverged`;

/** The WHERE clause of a document list and its parameters ($1, $2, … in order). */
const documentFilter = (plan: DocumentListPlan): { readonly sql: string; readonly parameters: ReadonlyArray<unknown> } => {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const add = (condition: (placeholder: string) => string, parameter: unknown): void => {
    parameters.push(parameter);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (plan.userId !== undefined) add((p) => `user_id = ${p}`, plan.userId);
  // numeric, not bigint: a bound that is not an integer still compares instead of failing the query.
  if (plan.createdBefore !== undefined) add((p) => `creation_date < ${p}::numeric`, plan.createdBefore);
  if (plan.createdAfter !== undefined) add((p) => `creation_date > ${p}::numeric`, plan.createdAfter);
  if (plan.statuses !== undefined) add((p) => `status = ANY(${p}::text[])`, plan.statuses);
  if (plan.types !== undefined) add((p) => `document_type = ANY(${p}::text[])`, plan.types);
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, parameters };
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
        const filter = documentFilter(plan);
        const text = pageWithTotal(`${s}.read_kyc_documents`, DOCUMENT_COLUMNS, filter.sql, 'documentId', plan, filter.parameters.length + 1);
        return page(text, [...filter.parameters, plan.limit, plan.offset], plan, (row: StoredDocumentRow) => documentSummaryOf(row));
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
