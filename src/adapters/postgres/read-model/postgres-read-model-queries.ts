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
import { BUCKET_BITS, COARSE_BITS, documentCountPlan, firstIncluded, lastIncluded } from '../../shared/read-model/document-count-plan.js';
import { idDigest } from '../../../domain/shared/id-digest.js';
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

const FINE = 2 ** BUCKET_BITS;
const COARSE = 2 ** (BUCKET_BITS + COARSE_BITS);

/**
 * An all-documents list in one statement (one snapshot, one round trip): the counts locate the page, which is then
 * read from its span only, so a deep page seeks by date instead of walking its OFFSET. The same steps as
 * document-page-seek.ts, in SQL: `spans` are the window's counted spans (fine buckets at its ends, the coarse
 * buckets it covers whole, its edge buckets counted row by row), `ordered` gives each the matching rows before it
 * in the list's direction, `start` is the span of row Offset, `refined` the same in fine buckets when it is a
 * coarse one, `stop` the span of the page's last row; the page is then read between their dates, skipping only
 * the rows of the start's bucket before row Offset. Undefined for an empty window (nothing to read).
 */
const allDocumentsPage = (table: string, counts: CountsTables, plan: DocumentListPlan): { readonly text: string; readonly values: ReadonlyArray<unknown> } | undefined => {
  const counted = documentCountPlan(plan);
  const parameters = parameterList();
  const kinds = () => documentConditions(plan, parameters, { dates: false });
  const spans: string[] = [];
  // One range scan of the key per range of fine buckets (an OR of ranges may scan every row).
  for (const range of counted.fine) {
    spans.push(`SELECT false AS coarse, bucket * ${FINE} AS first, (bucket + 1) * ${FINE} - 1 AS last, sum(documents)::bigint AS documents
      FROM ${counts.fine} ${whereOf([between(parameters, 'bucket', range), ...kinds()])} GROUP BY bucket`);
  }
  if (counted.coarse !== undefined) {
    spans.push(`SELECT true AS coarse, coarse_bucket * ${COARSE} AS first, (coarse_bucket + 1) * ${COARSE} - 1 AS last, sum(documents)::bigint AS documents
      FROM ${counts.coarse} ${whereOf([between(parameters, 'coarse_bucket', counted.coarse), ...kinds()])} GROUP BY coarse_bucket`);
  }
  for (const [first, last] of counted.edges) {
    const [from, to] = [`${parameters.add(first)}::bigint`, `${parameters.add(last)}::bigint`];
    spans.push(`SELECT false AS coarse, ${from} AS first, ${to} AS last, count(*) AS documents FROM ${table} ${whereOf([...kinds(), `creation_date BETWEEN ${from} AND ${to}`])}`);
  }
  // An empty window binds nothing: a parameter no statement uses has no type PostgreSQL can infer.
  if (spans.length === 0) return undefined;
  const direction = plan.direction;
  const before = (prefix: string) => `coalesce(sum(${prefix}documents) OVER (ORDER BY ${prefix}first ${direction} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)`;
  const offset = `${parameters.add(plan.offset)}::bigint`;
  const limit = `${parameters.add(plan.limit)}::bigint`;
  const holds = (row: string) => `before <= ${row} AND before + documents > ${row}`;
  const refinedKinds = kinds();
  const pageKinds = kinds();
  const [from, to] = direction === 'ASC' ? ['(SELECT first FROM start_fine)', '(SELECT greatest(stop.last, start_fine.last) FROM stop, start_fine)'] : ['(SELECT least(stop.first, start_fine.first) FROM stop, start_fine)', '(SELECT last FROM start_fine)'];
  const order = `creation_date ${direction}, document_id ${direction}`;
  const text = `WITH spans AS (${spans.map((span) => `(${span})`).join(' UNION ALL ')}),
    ordered AS (SELECT coarse, first, last, documents, ${before('')} AS before FROM spans WHERE documents <> 0),
    total AS (SELECT coalesce(sum(documents), 0)::bigint AS total FROM ordered),
    start AS (SELECT * FROM ordered WHERE ${holds(offset)}),
    refined AS (
      SELECT first, last, documents, before FROM start WHERE NOT coarse
      UNION ALL
      SELECT f.first, f.last, f.documents, start.before + ${before('f.')}
      FROM start CROSS JOIN LATERAL (
        SELECT bucket * ${FINE} AS first, (bucket + 1) * ${FINE} - 1 AS last, sum(documents)::bigint AS documents FROM ${counts.fine}
        ${whereOf([`bucket BETWEEN start.first >> ${BUCKET_BITS} AND start.last >> ${BUCKET_BITS}`, ...refinedKinds])} GROUP BY bucket) f
      WHERE start.coarse),
    start_fine AS (SELECT * FROM refined WHERE ${holds(offset)}),
    stop AS (SELECT * FROM ordered WHERE ${holds(`(least((SELECT total FROM total), ${offset} + ${limit}) - 1)`)})
    SELECT (SELECT total FROM total) AS total, (SELECT documents FROM start) AS "startDocuments", (SELECT sum(documents) FROM refined) AS "refinedDocuments",
      COALESCE((SELECT json_agg(p ORDER BY p."creationDate" ${direction}, p."documentId" ${direction})
        FROM (SELECT ${DOCUMENT_COLUMNS} FROM ${table} WHERE document_id IN (
                SELECT document_id FROM ${table} ${whereOf([`creation_date BETWEEN ${from} AND ${to}`, ...pageKinds])} ORDER BY ${order}
                LIMIT ${limit} OFFSET (SELECT (${offset} - before)::bigint FROM start_fine))) p), '[]'::json) AS items`;
  return { text, values: parameters.values };
};

interface AllDocumentsRow {
  readonly total: string;
  readonly startDocuments: string | null;
  readonly refinedDocuments: string | null;
  readonly items: ReadonlyArray<StoredDocumentRow>;
}

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

  // A bounded number of list shapes (which filters, how many date edges and fine ranges) times 2 directions, each
  // prepared once per connection: the all-documents statement is long, and planning it took as long as running it.
  // PostgreSQL cuts statement names at 63 bytes: a digest of the text (which names the schema) stays short and unique.
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `kyc-read-model-list-${idDigest(text).slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
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
        const statement = allDocumentsPage(table, { fine: `${s}.${DOCUMENT_COUNTS_TABLE}`, coarse: `${s}.${DOCUMENT_COARSE_COUNTS_TABLE}` }, plan);
        if (statement === undefined) return listPageOf([], 0, plan);
        const row = (await pool.query<AllDocumentsRow>({ name: nameOf(statement.text), text: statement.text, values: [...statement.values] })).rows[0] as AllDocumentsRow;
        const total = Number(row.total);
        // The fine counts add up to the coarse ones by their triggers; a page found otherwise may be wrong, so it is not answered.
        if (row.startDocuments !== row.refinedDocuments || (row.items.length === 0 && plan.offset < total)) {
          throw new Error(`document counts disagree (span of row ${plan.offset}: ${row.startDocuments} documents, its fine buckets ${row.refinedDocuments})`);
        }
        return listPageOf(row.items.map(documentSummaryOf), total, plan);
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
