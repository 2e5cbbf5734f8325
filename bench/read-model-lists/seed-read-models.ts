import type Database from 'better-sqlite3';
import type pg from 'pg';
import { DATE_SPAN, DOCUMENTS_PER_USER, FIRST_DATE, STATUSES, TYPES } from './list-queries.js';

/**
 * The bench's documents, written straight into the read model's table in one statement (generate_series on
 * PostgreSQL, a recursive CTE on SQLite): the projection's own speed is the rebuild bench's business. Document i
 * belongs to user i mod (n / 10); its type, status and date are spread so that no filter lines up with another.
 */
const SPREAD = { types: TYPES.length, statuses: STATUSES.length, dateStep: 7_919 };

const caseOf = (column: string, values: ReadonlyArray<string>): string =>
  `CASE ${column} ${values.map((value, k) => `WHEN ${k} THEN '${value}'`).join(' ')} END`;

const selectRows = (i: string, documents: number, integerDivide: (a: string, b: string) => string): string => `
  SELECT 'doc_' || ${i}, 'user_' || (${i} % ${Math.max(1, Math.floor(documents / DOCUMENTS_PER_USER))}),
    ${caseOf(`(${i} % ${SPREAD.types})`, TYPES)}, ${caseOf(`(${integerDivide(i, '3')} % ${SPREAD.statuses})`, STATUSES)}, NULL,
    ${FIRST_DATE} + (${i} * ${SPREAD.dateStep}) % ${DATE_SPAN}, NULL, NULL, NULL, 1, false, 2`;

const COLUMNS = `(document_id, user_id, document_type, status, tag, creation_date, processed_date, refused_reason_type,
  refused_reason_unrecognized, page_count, diverged, stream_version)`;

export const seedPostgres = async (pool: pg.Pool, schema: string, documents: number): Promise<void> => {
  await pool.query(`INSERT INTO "${schema}".read_kyc_documents ${COLUMNS}
    ${selectRows('i', documents, (a, b) => `(${a} / ${b})`)} FROM generate_series(0::bigint, ${documents - 1}) AS i`);
  // The counts tables too: one seeding statement updates each coarse count row up to 64 times in one transaction (dead
  // rows no pruning can reclaim before it commits), where a live read model's updates are spread out and vacuumed.
  for (const table of ['read_kyc_documents', 'read_kyc_document_counts', 'read_kyc_document_coarse_counts']) await pool.query(`VACUUM ANALYZE "${schema}".${table}`);
};

export const seedSqlite = (database: Database.Database, documents: number): void => {
  database.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${documents - 1})
    INSERT INTO read_kyc_documents ${COLUMNS} ${selectRows('i', documents, (a, b) => `(${a} / ${b})`)} FROM n`);
  database.exec('ANALYZE');
};
