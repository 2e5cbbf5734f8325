import type { Database, Statement } from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { KycReadModel, ReadModelUnavailable } from '../../../application/read-models/kyc-read-model.js';
import { documentListPlan, listPageOf, listWindow, type DocumentListPlan } from '../../../application/read-models/list-plans.js';
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

const DOCUMENT_COLUMNS = `document_id AS documentId, user_id AS userId, document_type AS documentType, status, tag,
  creation_date AS creationDate, processed_date AS processedDate, refused_reason_type AS refusedReasonType,
  refused_reason_unrecognized AS refusedReasonUnrecognized, flags, page_count AS pageCount, diverged`;

/** The WHERE clause of a document list, with its parameters; lists are bound as one JSON array each, so a filter's shape never depends on its length. */
const documentFilter = (plan: DocumentListPlan): { readonly sql: string; readonly parameters: ReadonlyArray<string | number> } => {
  const conditions: string[] = [];
  const parameters: Array<string | number> = [];
  const add = (condition: string, parameter: string | number): void => {
    conditions.push(condition);
    parameters.push(parameter);
  };
  if (plan.userId !== undefined) add('user_id = ?', plan.userId);
  if (plan.createdBefore !== undefined) add('creation_date < ?', plan.createdBefore);
  if (plan.createdAfter !== undefined) add('creation_date > ?', plan.createdAfter);
  if (plan.statuses !== undefined) add('status IN (SELECT value FROM json_each(?))', JSON.stringify(plan.statuses));
  if (plan.types !== undefined) add('document_type IN (SELECT value FROM json_each(?))', JSON.stringify(plan.types));
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, parameters };
};

/**
 * The KycReadModel's queries on SQLite. The count and the page are read in one transaction, so the totals
 * and the items agree even while another process commits.
 */
export const sqliteReadModelQueries = (database: Database): KycReadModel => {
  // At most 2^5 filter shapes times 2 directions: each is prepared once.
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
        const filter = documentFilter(plan);
        const total = statement(`SELECT count(*) FROM read_kyc_documents ${filter.sql}`).pluck().get(...filter.parameters) as number;
        const rows = statement(
          `SELECT ${DOCUMENT_COLUMNS} FROM read_kyc_documents ${filter.sql}
           ORDER BY creation_date ${plan.direction}, document_id ${plan.direction} LIMIT ? OFFSET ?`,
        ).all(...filter.parameters, plan.limit, plan.offset) as StoredDocumentRow[];
        return listPageOf(rows.map(documentSummaryOf), total, plan);
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
        );
      }),
  };
};
