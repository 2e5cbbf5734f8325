/**
 * `npm run bench event-stores`: kyc-core's PostgreSQL and SQLite event stores beside the raw driver
 * running the same SQL (the practical limit, target ≥ 0.8) and, on PostgreSQL, Emmett's store
 * (target ≥ 1.0). Everything runs in a throw-away database (PostgreSQL) and temporary files (SQLite).
 */
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresEventStore } from '../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../src/adapters/sqlite/index.js';
import { comparisonTable, type Measurement } from './lib/measure.js';
import type { BenchSubject } from './event-stores/bench-subject.js';
import { emmettPostgresSubject } from './event-stores/emmett-postgres-subject.js';
import { kycCoreSubject } from './event-stores/kyc-core-subject.js';
import { rawPostgresSubject } from './event-stores/raw-postgres-subject.js';
import { rawSqliteSubject } from './event-stores/raw-sqlite-subject.js';
import { plainInsertSubject } from './event-stores/plain-insert-subject.js';
import { APPEND_WORKLOADS, WORKLOADS, workloadsOf, type Workload, type WorkloadSizes } from './event-stores/workloads.js';

const adminUrl = process.env['KYC_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `kyc_bench_${process.pid}`;
const benchUrl = `${adminUrl.replace(/\/[^/?]*(\?.*)?$/, '')}/${database}`;

const POSTGRES_SIZES: WorkloadSizes = { singleAppends: 1000, concurrentAppends: 4000, batchAppends: 500, concurrentBatchAppends: 1000, streamReads: 200, catchUpEvents: 40_000 };
const SQLITE_SIZES: WorkloadSizes = { singleAppends: 1000, concurrentAppends: 4000, batchAppends: 500, concurrentBatchAppends: 1000, streamReads: 300, catchUpEvents: 40_000 };

const opened = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/**
 * Runs each workload on every subject twice, in one order then the reverse, keeping each subject's
 * better run: the machine is shared, and neither the running order nor a noisy neighbour should
 * decide a ratio. Returns one comparison table per baseline.
 */
const compare = async (
  ours: BenchSubject,
  baselines: ReadonlyArray<{
    readonly subject: BenchSubject;
    readonly target: number;
    readonly title: string;
    /** The workloads this baseline can run (default: all). */
    readonly workloads?: ReadonlyArray<Workload>;
  }>,
  sizes: WorkloadSizes,
): Promise<string[]> => {
  const subjects = [ours, ...baselines.map((baseline) => baseline.subject)];
  const runs = (index: number, workload: Workload): boolean => index === 0 || (baselines[index - 1]?.workloads ?? Object.keys(WORKLOADS)).includes(workload);
  const runners = subjects.map((subject) => workloadsOf(subject, sizes));
  const best = subjects.map(() => new Map<Workload, Measurement>());
  try {
    for (const workload of Object.keys(WORKLOADS) as Workload[]) {
      const order = subjects.map((_, index) => index);
      for (const index of [...order, ...order.reverse()].filter((index) => runs(index, workload))) {
        const measurement = await (runners[index] as ReturnType<typeof workloadsOf>)[workload]();
        const previous = best[index]?.get(workload);
        if (previous === undefined || measurement.opsPerSecond > previous.opsPerSecond) best[index]?.set(workload, measurement);
      }
    }
  } finally {
    for (const subject of subjects) await subject.close();
  }
  const of = (index: number, workload: Workload): Measurement => best[index]?.get(workload) as Measurement;
  return baselines.map((baseline, b) =>
    comparisonTable(
      baseline.title,
      (Object.keys(WORKLOADS) as Workload[]).filter((workload) => runs(b + 1, workload)).map((workload) => ({
        workload: WORKLOADS[workload],
        subject: of(0, workload),
        baseline: of(b + 1, workload),
        target: baseline.target,
      })),
    ),
  );
};

const started = Date.now();
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const directory = mkdtempSync(join(tmpdir(), 'kyc-core-bench-'));
try {
  const kycPostgres = kycCoreSubject('kyc-core PostgreSQL', opened(await createPostgresEventStore({ connectionString: benchUrl, schema: 'kyc_events' })()));
  // The raw baseline gets the adapter's own schema, made by the adapter, in a schema of its own.
  await opened(await createPostgresEventStore({ connectionString: benchUrl, schema: 'raw_events' })()).close();
  const postgresTables = await compare(
    kycPostgres,
    [
      { subject: rawPostgresSubject(benchUrl, 'raw_events'), target: 0.8, title: 'PostgreSQL: kyc-core vs the raw driver running the same SQL' },
      { subject: emmettPostgresSubject(benchUrl), target: 1.0, title: 'PostgreSQL: kyc-core vs Emmett' },
      {
        subject: await plainInsertSubject(benchUrl, 'plain_insert'),
        target: 0.8,
        title: 'PostgreSQL: kyc-core vs a plain INSERT into a table with a unique (stream, version) key',
        workloads: APPEND_WORKLOADS,
      },
    ],
    POSTGRES_SIZES,
  );
  // Printed before SQLite runs, so that its tables survive a failure there.
  console.log(postgresTables.join('\n\n'));
  const kycSqlite = kycCoreSubject('kyc-core SQLite', opened(await createSqliteEventStore({ filename: join(directory, 'kyc.sqlite') })()));
  await opened(await createSqliteEventStore({ filename: join(directory, 'raw.sqlite') })()).close();
  const sqliteTables = await compare(
    kycSqlite,
    [{ subject: rawSqliteSubject(join(directory, 'raw.sqlite')), target: 0.8, title: 'SQLite: kyc-core vs the raw driver running the same SQL' }],
    SQLITE_SIZES,
  );
  console.log(`\n${sqliteTables.join('\n\n')}`);
  console.log(`\nSizes: PostgreSQL ${JSON.stringify(POSTGRES_SIZES)}; SQLite ${JSON.stringify(SQLITE_SIZES)}.`);
  console.log(`Each figure is the better of two runs (subjects interleaved, order reversed). Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
} finally {
  rmSync(directory, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
