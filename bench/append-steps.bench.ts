/**
 * `npm run bench append-steps` (issue 18): what each part of a PostgreSQL append costs against a plain INSERT
 * into a table with only the unique (stream, version) key, step by step, side by side in one run: the
 * event-id index (idempotent retries), the transaction id and global-order index (readAll), the version guard
 * of the adapter's statement, and the statement before issue 18 (head max() subquery, unnest, CASE).
 * Every subject runs in a schema of its own, three rounds interleaved in alternating order, best kept.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventStoreStatements } from '../src/adapters/postgres/event-store/event-store-statements.js';
import { eventStoreMigrations } from '../src/adapters/postgres/schema/event-store-migrations.js';
import { ExpectedVersion } from '../src/application/ports/event-store.js';
import { measure, measureConcurrent } from './lib/measure.js';
import { batchOf } from './event-stores/bench-subject.js';
import type { EventToAppend } from '../src/application/ports/event-store.js';

const url = process.env['KYC_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const prefix = `kyc_bench_steps_${process.pid}`;
const pool = new pg.Pool({ connectionString: url, max: 16 });
const COLUMNS = `stream_name text NOT NULL, stream_version integer NOT NULL CHECK (stream_version > 0), event_id text NOT NULL,
  event_type text NOT NULL, schema_version integer NOT NULL, data json NOT NULL, metadata json NOT NULL`;
const INSERT_COLUMNS = '(stream_name, stream_version, event_id, event_type, schema_version, data, metadata)';
const valuesOf = (size: number): string =>
  Array.from({ length: size }, (_, k) => `($1, $2::integer + ${k + 1}, $${3 + 5 * k}, $${4 + 5 * k}, $${5 + 5 * k}::integer, $${6 + 5 * k}::json, $${7 + 5 * k}::json)`).join(', ');
const flat = (events: ReadonlyArray<EventToAppend>) => events.flatMap((e) => [e.eventId, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
const encode = (events: ReadonlyArray<EventToAppend>) => events.map((e) => ({ data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) }));

type Append = (stream: string, version: number, events: ReadonlyArray<EventToAppend>) => Promise<void>;
const plainInsert = (schema: string): Append => async (stream, version, events) => {
  await pool.query({ name: `steps-${schema}-${events.length}`, text: `INSERT INTO ${schema}.events ${INSERT_COLUMNS} VALUES ${valuesOf(events.length)}`, values: [stream, version, ...flat(events)] });
};
const checked = (run: () => Promise<pg.QueryResult>, size: number) => async (): Promise<void> => {
  if ((await run()).rowCount !== size) throw new Error('the version check did not hold');
};

const subjects: Array<{ readonly name: string; readonly ddl: string; readonly append: (schema: string) => Append }> = [
  { name: 'plain INSERT, (stream, version) key only', ddl: `CREATE TABLE {s}.events (${COLUMNS}, PRIMARY KEY (stream_name, stream_version))`, append: plainInsert },
  {
    name: '+ unique event id',
    ddl: `CREATE TABLE {s}.events (${COLUMNS}, PRIMARY KEY (stream_name, stream_version), UNIQUE (event_id))`,
    append: plainInsert,
  },
  {
    name: '+ transaction id, global-order key (the adapter\'s table)',
    ddl: eventStoreMigrations.map((m) => m.sql.replaceAll('{schema}', '{s}')).join(';'),
    append: plainInsert,
  },
  {
    name: '+ version guard: the adapter\'s statement',
    ddl: eventStoreMigrations.map((m) => m.sql.replaceAll('{schema}', '{s}')).join(';'),
    append: (schema) => {
      const statements = eventStoreStatements(schema);
      return (stream, version, events) => checked(() => pool.query(statements.appendAt(stream, version, events, encode(events))), events.length)();
    },
  },
  {
    name: 'before issue 18: head max(), unnest, CASE',
    ddl: eventStoreMigrations.map((m) => m.sql.replaceAll('{schema}', '{s}')).join(';'),
    append: (schema) => {
      const statements = eventStoreStatements(schema);
      return (stream, version, events) => checked(() => pool.query(statements.append(stream, ExpectedVersion.exact(version), events, encode(events))), events.length)();
    },
  },
];

const workloads = {
  '1 writer, 1 event (appends/s)': { writers: 1, size: 1, calls: 1500 },
  '16 writers, 1 event (appends/s)': { writers: 16, size: 1, calls: 4000 },
  '16 writers, batches of 10 (events/s)': { writers: 16, size: 10, calls: 1000 },
} as const;

const appenders = await Promise.all(
  subjects.map(async (subject, index) => {
    const schema = `${prefix}_${index}`;
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(subject.ddl.replaceAll('{s}', schema));
    return subject.append(schema);
  }),
);
const best = subjects.map(() => new Map<string, number>());
try {
  let round = 0;
  for (const [workload, { writers, size, calls }] of Object.entries(workloads)) {
    for (let pass = 0; pass < 3; pass++) {
      const order = subjects.map((_, index) => index);
      for (const index of pass % 2 === 0 ? order : order.reverse()) {
        round++;
        const versions = new Map<string, number>();
        const append = appenders[index] as Append;
        const next = async (stream: string, i: number): Promise<void> => {
          const version = versions.get(stream) ?? 0;
          await append(stream, version, batchOf(size, i));
          versions.set(stream, version + size);
        };
        const timed =
          writers === 1
            ? await measure(subjects[index]?.name ?? '', calls, (i) => next(`s-${round}-${i < 0 ? randomUUID() : i % 50}`, i), { warmup: 100 })
            : await measureConcurrent(subjects[index]?.name ?? '', calls, writers, (i, worker) => next(`w-${round}-${worker}`, i));
        const perSecond = timed.opsPerSecond * (writers === 1 ? 1 : size);
        best[index]?.set(workload, Math.max(best[index]?.get(workload) ?? 0, perSecond));
      }
    }
  }
} finally {
  for (let index = 0; index < subjects.length; index++) await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${index} CASCADE`);
  await pool.end();
}
const names = Object.keys(workloads);
console.log(`| step | ${names.join(' | ')} |`);
console.log(`| --- | ${names.map(() => '---:').join(' | ')} |`);
for (const [index, subject] of subjects.entries()) {
  const cells = names.map((name) => {
    const value = best[index]?.get(name) ?? Number.NaN;
    const base = best[0]?.get(name) ?? Number.NaN;
    return `${Math.round(value).toLocaleString('en-US')} (${(value / base).toFixed(2)})`;
  });
  console.log(`| ${subject.name} | ${cells.join(' | ')} |`);
}
console.log('\nEach figure: the best of 3 interleaved runs, its ratio to the plain INSERT in brackets.');
