import type { Database, Statement } from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { KycReadModel, ReadModelUnavailable } from '../../../application/ports/kyc-read-model.js';
import { documentListPlan, listPageOf, listWindow, type DocumentListPlan } from '../../../application/read-models/list-plans.js';
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
import { documentCountPlan, firstIncluded, lastIncluded, type DocumentCountPlan } from '../../shared/read-model/document-count-plan.js';
import { countedSpans, documentSeek, fineBucketsOf, pageRange, refinedStart, type CountsRead } from '../../shared/read-model/document-page-seek.js';

const DOCUMENT_COLUMNS = `document_id AS documentId, user_id AS userId, document_type AS documentType, status, tag,
  creation_date AS creationDate, processed_date AS processedDate, refused_reason_type AS refusedReasonType,
  refused_reason_unrecognized AS refusedReasonUnrecognized, flags, page_count AS pageCount, diverged`;

type Parameter = string | number;

/** The conditions of a document list with their parameters; lists are bound as one JSON array each, so a filter's shape never depends on its length. */
const documentConditions = (plan: DocumentListPlan, options: { readonly dates: boolean }): { readonly conditions: string[]; readonly parameters: Parameter[] } => {
  const conditions: string[] = [];
  const parameters: Parameter[] = [];
  const add = (condition: string, parameter: Parameter): void => {
    conditions.push(condition);
    parameters.push(parameter);
  };
  if (plan.userId !== undefined) add('user_id = ?', plan.userId);
  if (options.dates && plan.createdAfter !== undefined) add('creation_date >= ?', firstIncluded(plan.createdAfter));
  if (options.dates && plan.createdBefore !== undefined) add('creation_date <= ?', lastIncluded(plan.createdBefore));
  if (plan.statuses !== undefined) add('status IN (SELECT value FROM json_each(?))', JSON.stringify(plan.statuses));
  if (plan.types !== undefined) add('document_type IN (SELECT value FROM json_each(?))', JSON.stringify(plan.types));
  return { conditions, parameters };
};
const whereOf = (conditions: ReadonlyArray<string>): string => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`);

/** One user's list: its total counted from its rows (a user has few), the page read from the user's index. */
const userDocumentTotal = (plan: DocumentListPlan): { readonly sql: string; readonly parameters: ReadonlyArray<Parameter> } => {
  const filter = documentConditions(plan, { dates: true });
  return { sql: `SELECT count(*) FROM read_kyc_documents ${whereOf(filter.conditions)}`, parameters: filter.parameters };
};

/**
 * What an all-documents list's counts are, per span of its window (see document-page-seek.ts): matching documents
 * per fine bucket at the window's ends, per coarse bucket it covers whole, and per edge bucket (counted row by row),
 * in one statement. Their sum is X-Number-Of-Items, exact.
 */
const documentCountsRead = (plan: DocumentListPlan, counted: DocumentCountPlan): { readonly sql: string; readonly parameters: ReadonlyArray<Parameter> } => {
  const kinds = documentConditions(plan, { dates: false });
  const parts: string[] = [];
  const parameters: Parameter[] = [];
  // One range scan of the key per range of fine buckets (an OR of ranges may scan every row).
  for (const range of counted.fine) {
    parts.push(`SELECT 'fine', bucket, sum(documents) FROM read_kyc_document_counts ${whereOf(['bucket BETWEEN ? AND ?', ...kinds.conditions])} GROUP BY bucket`);
    parameters.push(...range, ...kinds.parameters);
  }
  if (counted.coarse !== undefined) {
    parts.push(
      `SELECT 'coarse', coarse_bucket, sum(documents) FROM read_kyc_document_coarse_counts ${whereOf(['coarse_bucket BETWEEN ? AND ?', ...kinds.conditions])} GROUP BY coarse_bucket`,
    );
    parameters.push(...counted.coarse, ...kinds.parameters);
  }
  counted.edges.forEach((range, index) => {
    parts.push(`SELECT 'edge', ${index}, count(*) FROM read_kyc_documents ${whereOf([...kinds.conditions, 'creation_date BETWEEN ? AND ?'])}`);
    parameters.push(...kinds.parameters, ...range);
  });
  return { sql: parts.length === 0 ? `SELECT 'none', 0, 0 WHERE 0` : parts.join(' UNION ALL '), parameters };
};

const countsReadOf = (rows: ReadonlyArray<readonly [string, number, number]>, edges: number): CountsRead => {
  const counts: { fine: Array<{ bucket: number; documents: number }>; coarse: Array<{ coarseBucket: number; documents: number }>; edges: number[] } = {
    fine: [],
    coarse: [],
    edges: Array.from({ length: edges }, () => 0),
  };
  for (const [kind, key, documents] of rows) {
    if (kind === 'fine') counts.fine.push({ bucket: key, documents });
    else if (kind === 'coarse') counts.coarse.push({ coarseBucket: key, documents });
    else counts.edges[key] = documents;
  }
  return counts;
};

/**
 * The KycReadModel's queries on SQLite. The count and the page are read in one transaction, so the totals
 * and the items agree even while another process commits.
 */
export const sqliteReadModelQueries = (database: Database): KycReadModel => {
  // A bounded number of filter shapes (which filters, how many date edges) times 2 directions: each is prepared once.
  const prepared = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let found = prepared.get(sql);
    if (found === undefined) {
      found = database.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  };
  const sessionsCount = database.prepare('SELECT count(*) FROM read_idv_sessions WHERE user_id = ?').pluck();
  const sessionsPage = (direction: 'ASC' | 'DESC') =>
    statement(
      `SELECT session_id AS sessionId, user_id AS userId, status, tag, creation_date AS creationDate, diverged FROM read_idv_sessions
       WHERE user_id = ? ORDER BY creation_date ${direction}, session_id ${direction} LIMIT ? OFFSET ?`,
    );
  const user = database.prepare(
    `SELECT user_id AS userId, person_type AS personType, legal_person_type AS legalPersonType, user_category AS userCategory, kyc_level AS kycLevel,
       personal_data_erased_at AS personalDataErasedAt
     FROM read_users WHERE user_id = ?`,
  );
  const countedDocuments = database.prepare(
    'SELECT document_id AS documentId, document_type AS documentType FROM read_user_counted_documents WHERE user_id = ?',
  );
  const countedSessions = database.prepare('SELECT session_id FROM read_user_counted_sessions WHERE user_id = ?').pluck();
  const validatedUboDeclarations = database.prepare('SELECT declaration_id FROM read_user_validated_ubo_declarations WHERE user_id = ?').pluck();

  const read = <A>(operation: string, work: () => A) => async (): Promise<E.Either<ReadModelUnavailable, A>> => {
    try {
      return E.right(database.transaction(work)());
    } catch (error) {
      return E.left(readModelUnavailable(`SQLite read model ${operation} failed (${describeCause(error)})`));
    }
  };

  return {
    listDocuments: (query) =>
      read('document list', () => {
        const plan = documentListPlan(query);
        const order = `ORDER BY creation_date ${plan.direction}, document_id ${plan.direction}`;
        // The page's ids first, from a covering index alone, then only the page's rows are read.
        const page = (conditions: ReadonlyArray<string>, parameters: ReadonlyArray<Parameter>, skip: number): StoredDocumentRow[] =>
          statement(
            `SELECT ${DOCUMENT_COLUMNS} FROM read_kyc_documents WHERE document_id IN (
               SELECT document_id FROM read_kyc_documents ${whereOf(conditions)} ${order} LIMIT ? OFFSET ?)
             ${order}`,
          ).all(...parameters, plan.limit, skip) as StoredDocumentRow[];
        if (plan.userId !== undefined) {
          const filter = documentConditions(plan, { dates: true });
          const total = userDocumentTotal(plan);
          const rows = page(filter.conditions, filter.parameters, plan.offset);
          return listPageOf(rows.map(documentSummaryOf), statement(total.sql).pluck().get(...total.parameters) as number, plan);
        }
        // All documents: the counts locate the page (document-page-seek.ts), which is read from its span only.
        const counted = documentCountPlan(plan);
        const countsRead = documentCountsRead(plan, counted);
        const counts = countsReadOf(statement(countsRead.sql).raw().all(...countsRead.parameters) as Array<[string, number, number]>, counted.edges.length);
        const seek = documentSeek(countedSpans(counted, counts), plan);
        if (seek.start === undefined || seek.end === undefined) return listPageOf([], seek.total, plan);
        const kinds = documentConditions(plan, { dates: false });
        let start = seek.start;
        if (start.span.coarseBucket !== undefined) {
          const fine = statement(
            `SELECT bucket, sum(documents) FROM read_kyc_document_counts ${whereOf(['bucket BETWEEN ? AND ?', ...kinds.conditions])} GROUP BY bucket`,
          )
            .raw()
            .all(...fineBucketsOf(start.span.coarseBucket), ...kinds.parameters) as Array<[number, number]>;
          start = refinedStart(start, fine.map(([bucket, documents]) => ({ bucket, documents })), plan);
        }
        const range = pageRange(start, seek.end, plan);
        const rows = page(['creation_date BETWEEN ? AND ?', ...kinds.conditions], [range.first, range.last, ...kinds.parameters], range.skip);
        return listPageOf(rows.map(documentSummaryOf), seek.total, plan);
      }),
    listUserSessions: (userId, paging) =>
      read('session list', () => {
        const window = listWindow(paging);
        const total = sessionsCount.get(userId) as number;
        const rows = sessionsPage(window.direction).all(userId, window.limit, window.offset) as StoredSessionRow[];
        return listPageOf(rows.map(sessionSummaryOf), total, window);
      }),
    userKyc: (userId) =>
      read('user KYC', () => {
        const row = user.get(userId) as StoredUserRow | undefined;
        if (row === undefined) return undefined;
        return userKycSummaryOf(
          row.userId,
          userProfileOf(row),
          kycLevelOf(row),
          countedDocuments.all(userId) as CountedDocument[],
          countedSessions.all(userId) as string[],
          personalDataErasedAtOf(row),
          validatedUboDeclarations.all(userId) as string[],
        );
      }),
  };
};
