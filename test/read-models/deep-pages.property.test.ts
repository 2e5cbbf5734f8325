import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPostgresKycReadModel } from '../../src/adapters/postgres/read-model/index.js';
import { createSqliteKycReadModel } from '../../src/adapters/sqlite/read-model/index.js';
import type { DocumentListQuery, KycReadModel, ListPage, DocumentSummary } from '../../src/application/read-models/index.js';
import { KYC_DOCUMENT_STATUSES, KYC_DOCUMENT_TYPES, type KycDocumentStatus, type KycDocumentType } from '../../src/domain/kyc-document/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { must } from './read-model-subject.js';

/**
 * An all-documents list finds its page from the maintained counts (document-page-seek.ts) instead of walking its
 * OFFSET, so the page must be exactly the same slice of the full ordered list, at every depth, for every filter,
 * with the same headers. Hundreds of rows are written straight into the read model's table (the counts follow by
 * their triggers), with dates over many fine buckets (2^16 s) on both sides of coarse edges (2^22 s), then some are
 * moved (status, type, date) and some deleted, so every trigger path is behind the counts the seek reads.
 */
const FINE = 2 ** 16;
const COARSE = 2 ** 22;
// Clusters over fine buckets on both sides of coarse edges, negative dates included; many rows share a date.
const date = fc.oneof(
  fc.tuple(fc.constantFrom(-COARSE, 0, COARSE, 3 * COARSE), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: FINE - 1 })).map(
    ([base, bucket, within]) => base + bucket * FINE + within,
  ),
  fc.constantFrom(0, -1, FINE, FINE - 1, COARSE, COARSE - 1, 1000),
);
// Few statuses and types in most runs, so some (bucket, status, type) counts are large and some empty.
const status = fc.constantFrom<KycDocumentStatus>(...KYC_DOCUMENT_STATUSES.slice(0, 3), ...KYC_DOCUMENT_STATUSES);
const type = fc.constantFrom<KycDocumentType>(...KYC_DOCUMENT_TYPES.slice(0, 2), ...KYC_DOCUMENT_TYPES);

interface Row {
  readonly documentId: string;
  readonly userId: string;
  readonly status: KycDocumentStatus;
  readonly type: KycDocumentType;
  readonly creationDate: number;
}

const dataset = fc
  .record({
    rows: fc.array(fc.record({ status, type, creationDate: date, user: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 400, size: 'max' }),
    moves: fc.array(fc.record({ target: fc.nat(), status: fc.option(status, { nil: undefined }), type: fc.option(type, { nil: undefined }), creationDate: fc.option(date, { nil: undefined }) }), { maxLength: 20, size: 'max' }),
    deletes: fc.array(fc.nat(), { maxLength: 20, size: 'max' }),
  })
  .map(({ rows, moves, deletes }) => {
    // Ids whose byte order differs from a locale's, so ties on the date are broken in code-unit order.
    const initial: Row[] = rows.map((r, i) => ({
      documentId: `${['a', 'B', '_', 'z'][i % 4]}${(i * 7919) % 1009}-${i}`,
      userId: `u${r.user}`,
      status: r.status,
      type: r.type,
      creationDate: r.creationDate,
    }));
    const current = new Map(initial.map((row) => [row.documentId, row]));
    const changes: Array<{ readonly kind: 'move'; readonly row: Row } | { readonly kind: 'delete'; readonly documentId: string }> = [];
    for (const move of moves) {
      const before = initial[move.target % initial.length] as Row;
      const now = current.get(before.documentId);
      if (now === undefined) continue;
      const row = { ...now, status: move.status ?? now.status, type: move.type ?? now.type, creationDate: move.creationDate ?? now.creationDate };
      current.set(row.documentId, row);
      changes.push({ kind: 'move', row });
    }
    for (const target of deletes) {
      const documentId = (initial[target % initial.length] as Row).documentId;
      if (current.delete(documentId)) changes.push({ kind: 'delete', documentId });
    }
    return { initial, changes, rows: [...current.values()] };
  });

const bound = (rows: ReadonlyArray<Row>) =>
  fc.option(
    fc.oneof(
      fc.constantFrom(...rows.map((row) => row.creationDate)).chain((d) => fc.constantFrom(d - 1, d, d + 1, d - 0.5, d + 0.5)),
      fc.constantFrom(-COARSE, 0, FINE, COARSE, 2 * COARSE, 3 * COARSE).chain((d) => fc.integer({ min: d - 3 * FINE, max: d + 3 * FINE })),
    ),
    { nil: undefined },
  );

const filters = (rows: ReadonlyArray<Row>) =>
  fc.record({
    sort: fc.constantFrom('CreationDate:ASC' as const, 'CreationDate:DESC' as const),
    beforeDate: bound(rows),
    afterDate: bound(rows),
    statuses: fc.option(fc.subarray([...KYC_DOCUMENT_STATUSES], { minLength: 1 }), { nil: undefined }),
    types: fc.option(fc.subarray([...KYC_DOCUMENT_TYPES], { minLength: 1 }), { nil: undefined }),
    perPage: fc.integer({ min: 1, max: 40 }),
    // A fraction of the way down the list (past its end too).
    depth: fc.double({ min: 0, max: 1.1, noNaN: true }),
  });

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The ids the filter keeps, in the list's order: the oracle for the full list. */
const expectedIds = (rows: ReadonlyArray<Row>, query: DocumentListQuery): string[] => {
  const direction = query.sort === 'CreationDate:DESC' ? -1 : 1;
  return rows
    .filter(
      (row) =>
        (query.beforeDate === undefined || row.creationDate < query.beforeDate) &&
        (query.afterDate === undefined || row.creationDate > query.afterDate) &&
        (query.statuses === undefined || query.statuses.includes(row.status)) &&
        (query.types === undefined || query.types.includes(row.type)),
    )
    .sort((a, b) => direction * (a.creationDate - b.creationDate || byCodeUnits(a.documentId, b.documentId)))
    .map((row) => row.documentId);
};

interface Store {
  readonly readModel: KycReadModel;
  readonly reset: () => Promise<void>;
  readonly insert: (rows: ReadonlyArray<Row>) => Promise<void>;
  readonly move: (row: Row) => Promise<void>;
  readonly remove: (documentId: string) => Promise<void>;
}

const COLUMNS = '(document_id, user_id, document_type, status, tag, creation_date, processed_date, refused_reason_type, refused_reason_unrecognized, page_count, diverged, stream_version)';

const deepPagesAreSlicesOfTheFullList = (store: Store, numRuns: number): Promise<void> =>
  fc.assert(
    fc.asyncProperty(
      dataset.chain((data) => fc.tuple(fc.constant(data), fc.array(filters(data.initial), { minLength: 1, maxLength: 6 }))),
      async ([data, queries]) => {
        await store.reset();
        await store.insert(data.initial);
        for (const change of data.changes) await (change.kind === 'move' ? store.move(change.row) : store.remove(change.documentId));
        for (const { depth, perPage, ...filter } of queries) {
          const full: ListPage<DocumentSummary> = await must(store.readModel.listDocuments({ ...filter, page: 1, perPage: 1000 }));
          const ids = expectedIds(data.rows, { ...filter, page: 1, perPage: 1000 });
          expect(full.items.map((item) => item.documentId)).toEqual(ids);
          expect(full.totalItems).toBe(ids.length);
          const pages = Math.ceil(ids.length / perPage);
          // The page at that depth, the last one, and the one after it.
          for (const page of new Set([Math.max(1, Math.ceil(depth * pages)), Math.max(1, pages), pages + 1])) {
            const answer = await must(store.readModel.listDocuments({ ...filter, page, perPage }));
            expect(answer).toEqual({ items: full.items.slice((page - 1) * perPage, page * perPage), totalItems: ids.length, totalPages: pages });
          }
        }
      },
    ),
    { numRuns },
  );

const postgres = await postgresForTests('pg read model deep pages');

describe('property: a deep page of all documents is the same slice of the full ordered list', () => {
  it('on SQLite', async () => {
    const directory = temporaryDirectory('sqlite-deep-pages');
    const filename = join(directory.path, 'read-model.sqlite');
    const opened = await createSqliteKycReadModel({ filename })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const writer = new Database(filename);
    writer.pragma('busy_timeout = 5000');
    const insert = writer.prepare(`INSERT INTO read_kyc_documents ${COLUMNS} VALUES (?, ?, ?, ?, NULL, ?, NULL, NULL, NULL, 1, 0, 1)`);
    const move = writer.prepare('UPDATE read_kyc_documents SET status = ?, document_type = ?, creation_date = ? WHERE document_id = ?');
    const remove = writer.prepare('DELETE FROM read_kyc_documents WHERE document_id = ?');
    try {
      await deepPagesAreSlicesOfTheFullList(
        {
          readModel: opened.right.readModel,
          reset: async () => void writer.exec('DELETE FROM read_kyc_documents'),
          insert: async (rows) =>
            writer.transaction(() => {
              for (const row of rows) insert.run(row.documentId, row.userId, row.type, row.status, row.creationDate);
            })(),
          move: async (row) => void move.run(row.status, row.type, row.creationDate, row.documentId),
          remove: async (documentId) => void remove.run(documentId),
        },
        60,
      );
    } finally {
      writer.close();
      await opened.right.close();
      directory.remove();
    }
  });
});

postgres.describe('property: a deep page of all documents is the same slice of the full ordered list, PostgreSQL', () => {
  it('on PostgreSQL', async () => {
    const schema = await postgres.newSchema();
    const opened = await createPostgresKycReadModel({ connectionString: postgres.connectionString, schema, poolSize: 2 })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const table = `"${schema}".read_kyc_documents`;
    try {
      await deepPagesAreSlicesOfTheFullList(
        {
          readModel: opened.right.readModel,
          reset: async () => void (await postgres.query(`DELETE FROM ${table}`)),
          insert: async (rows) =>
            void (await postgres.query(
              `INSERT INTO ${table} ${COLUMNS}
               SELECT id, user_id, document_type, status, NULL, creation_date, NULL, NULL, NULL, 1, false, 1
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS r(id, user_id, document_type, status, creation_date)`,
              [rows.map((r) => r.documentId), rows.map((r) => r.userId), rows.map((r) => r.type), rows.map((r) => r.status), rows.map((r) => r.creationDate)],
            )),
          move: async (row) =>
            void (await postgres.query(`UPDATE ${table} SET status = $1, document_type = $2, creation_date = $3 WHERE document_id = $4`, [row.status, row.type, row.creationDate, row.documentId])),
          remove: async (documentId) => void (await postgres.query(`DELETE FROM ${table} WHERE document_id = $1`, [documentId])),
        },
        20,
      );
    } finally {
      await opened.right.close();
    }
  });
});
