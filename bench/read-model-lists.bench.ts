/**
 * `npm run bench read-model-lists` (issue 18): document lists of seed 002 against a large read model, every
 * filter combination (see read-model-lists/list-queries.ts) on SQLite and PostgreSQL, with p50/p99 per
 * combination and the worst p99 per size. Sizes: `KYC_BENCH_LIST_SIZES`, comma-separated document counts
 * (users are a tenth of them); default 10000,100000 so that `npm run bench` stays within minutes. The issue's
 * curve: KYC_BENCH_LIST_SIZES=10000,100000,1000000.
 */
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresKycReadModel } from '../src/adapters/postgres/index.js';
import { createSqliteKycReadModel } from '../src/adapters/sqlite/index.js';
import type { KycReadModel } from '../src/application/read-models/index.js';
import { measure, type Measurement } from './lib/measure.js';
import { seedQueries, type LabelledQuery } from './read-model-lists/list-queries.js';
import { seedPostgres, seedSqlite } from './read-model-lists/seed-read-models.js';

const sizes = (process.env['KYC_BENCH_LIST_SIZES'] ?? '10000,100000').split(',').map((size) => Number(size.trim()));
const RUNS = Number(process.env['KYC_BENCH_LIST_RUNS'] ?? 50);
const postgresUrl = process.env['KYC_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const ms = (value: number | undefined): string => (value ?? Number.NaN).toFixed(2);

interface Row {
  readonly store: string;
  readonly documents: number;
  readonly label: string;
  readonly measurement: Measurement;
  readonly totalItems: number;
}

/** Each query RUNS times (after 3 untimed), checking that a page and its headers agree. */
const timeQueries = async (store: string, documents: number, readModel: KycReadModel, queries: ReadonlyArray<LabelledQuery>): Promise<Row[]> => {
  const rows: Row[] = [];
  for (const { label, query } of queries) {
    let totalItems = -1;
    const measurement = await measure(label, RUNS, async () => {
      const page = await readModel.listDocuments(query)();
      if (E.isLeft(page)) throw new Error(page.left.message);
      const expected = Math.max(0, Math.min(query.perPage, page.right.totalItems - (query.page - 1) * query.perPage));
      if (page.right.items.length !== expected) throw new Error(`${store} ${label}: ${page.right.items.length} items for a total of ${page.right.totalItems}`);
      totalItems = page.right.totalItems;
    }, { warmup: 3, latencies: true });
    rows.push({ store, documents, label, measurement, totalItems });
  }
  // As it goes, so that a long run shows its curve before it ends.
  const worst = rows.reduce((a, b) => ((b.measurement.p99Ms ?? 0) > (a.measurement.p99Ms ?? 0) ? b : a));
  console.log(`${store}, ${documents} documents: worst p99 ${ms(worst.measurement.p99Ms)} ms (${worst.label})`);
  return rows;
};

const directory = mkdtempSync(join(tmpdir(), 'kyc-core-bench-lists-'));
const admin = new pg.Pool({ connectionString: postgresUrl, max: 2, connectionTimeoutMillis: 3000 });
admin.on('error', () => undefined);
const postgresReachable = await admin.query('SELECT 1').then(() => true, () => false);
const all: Row[] = [];
try {
  for (const documents of sizes) {
    const queries = seedQueries('user_7');
    const filename = join(directory, `lists-${documents}.sqlite`);
    const created = await createSqliteKycReadModel({ filename })();
    if (E.isLeft(created)) throw new Error(created.left.message);
    await created.right.close();
    const seeding = new Database(filename);
    let started = Date.now();
    seedSqlite(seeding, documents);
    seeding.close();
    console.log(`SQLite: ${documents} documents seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const sqlite = await createSqliteKycReadModel({ filename })();
    if (E.isLeft(sqlite)) throw new Error(sqlite.left.message);
    try {
      all.push(...(await timeQueries('SQLite', documents, sqlite.right.readModel, queries)));
    } finally {
      await sqlite.right.close();
    }
    if (!postgresReachable) continue;
    const schema = `kyc_bench_lists_${process.pid}_${documents}`;
    const postgres = await createPostgresKycReadModel({ connectionString: postgresUrl, schema })();
    if (E.isLeft(postgres)) throw new Error(postgres.left.message);
    try {
      started = Date.now();
      await seedPostgres(admin, schema, documents);
      console.log(`PostgreSQL: ${documents} documents seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      all.push(...(await timeQueries('PostgreSQL', documents, postgres.right.readModel, queries)));
    } finally {
      await postgres.right.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
  await admin.end();
}
if (!postgresReachable) console.log(`PostgreSQL at ${postgresUrl} is not reachable: its rows were NOT measured.`);

console.log('\n### Worst p99 per store and size (every seed 002 filter combination)\n');
console.log('| store | documents | combinations | worst p99 ms | its combination | median p50 ms | worst p50 ms | deep pages (Page=1000): worst p50 / p99 ms | one user\'s lists: worst p99 ms |');
console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
const worstOf = (rows: ReadonlyArray<Row>, key: 'p50Ms' | 'p99Ms'): number => Math.max(...rows.map((row) => row.measurement[key] ?? 0));
for (const store of ['SQLite', 'PostgreSQL'])
  for (const documents of sizes) {
    const rows = all.filter((row) => row.store === store && row.documents === documents);
    if (rows.length === 0) continue;
    const worst = rows.reduce((a, b) => ((b.measurement.p99Ms ?? 0) > (a.measurement.p99Ms ?? 0) ? b : a));
    const p50s = rows.map((row) => row.measurement.p50Ms ?? 0).sort((a, b) => a - b);
    const deep = rows.filter((row) => row.label.endsWith('Page=1000'));
    const user = rows.filter((row) => row.label.startsWith('one user'));
    console.log(
      `| ${store} | ${documents.toLocaleString('en-US')} | ${rows.length} | ${ms(worst.measurement.p99Ms)} | ${worst.label} | ${ms(p50s[Math.floor(p50s.length / 2)])} | ${ms(p50s[p50s.length - 1])} | ${ms(worstOf(deep, 'p50Ms'))} / ${ms(worstOf(deep, 'p99Ms'))} | ${ms(worstOf(user, 'p99Ms'))} |`,
    );
  }
const largest = sizes[sizes.length - 1];
console.log(`\n### Every combination at ${largest?.toLocaleString('en-US')} documents\n`);
console.log('| combination | X-Number-Of-Items | SQLite p50 / p99 ms | PostgreSQL p50 / p99 ms |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of all.filter((r) => r.store === 'SQLite' && r.documents === largest)) {
  const other = all.find((r) => r.store === 'PostgreSQL' && r.documents === largest && r.label === row.label);
  if (other !== undefined && other.totalItems !== row.totalItems) throw new Error(`${row.label}: SQLite counts ${row.totalItems}, PostgreSQL ${other.totalItems}`);
  console.log(`| ${row.label} | ${row.totalItems} | ${ms(row.measurement.p50Ms)} / ${ms(row.measurement.p99Ms)} | ${other === undefined ? 'n/a' : `${ms(other.measurement.p50Ms)} / ${ms(other.measurement.p99Ms)}`} |`);
}
console.log(`\nEach combination: ${RUNS} timed queries after 3 untimed. Sizes ${sizes.join(', ')} (KYC_BENCH_LIST_SIZES).`);
