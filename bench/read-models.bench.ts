/**
 * `npm run bench read-models`: the KYC read model behind the platform API's lists. A rebuild from zero, in place
 * and aside then switched in (what `kyc projections rebuild` runs), in events/s, and a filtered, sorted list page
 * (queries/s) on SQLite and PostgreSQL, each beside what the same answer costs without a read model: reading and
 * folding every document stream through the deciders. KYC_BENCH_READ_MODEL_DOCUMENTS sets the size (default 5,000
 * documents, about 21,000 events).
 * PostgreSQL rows run in a throw-away schema when the database answers.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { createInMemoryEventStore } from '../src/adapters/in-memory/index.js';
import { createPostgresKycReadModel } from '../src/adapters/postgres/index.js';
import { createSqliteKycReadModel } from '../src/adapters/sqlite/index.js';
import { kycDocumentAggregate } from '../src/application/aggregates.js';
import { loadAggregate } from '../src/application/command-handling/index.js';
import type { EventStore, EventToAppend } from '../src/application/ports/event-store.js';
import { rebuild } from '../src/application/projections/index.js';
import { rebuildKycReadModel, type DocumentListQuery, type ProjectedKycReadModel } from '../src/application/read-models/index.js';
import { isCreated, kycDocumentEventSchema, type KycDocument, type KycDocumentEvent, type KycDocumentType } from '../src/domain/kyc-document/index.js';
import type { MangopayId } from '../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../src/domain/shared/unix-timestamp.js';
import { comparisonTable, measure, type Measurement } from './lib/measure.js';

const DOCUMENTS = Number(process.env['KYC_BENCH_READ_MODEL_DOCUMENTS'] ?? 5_000);
const TYPES: ReadonlyArray<KycDocumentType> = ['IDENTITY_PROOF', 'ADDRESS_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'];
const QUERY: DocumentListQuery = {
  page: 3,
  perPage: 25,
  sort: 'CreationDate:DESC',
  statuses: ['VALIDATED', 'REFUSED'],
  types: ['IDENTITY_PROOF', 'ADDRESS_PROOF'],
  afterDate: 1_700_000_100,
};

/** One document's life, ending in one of four statuses. */
const lifeOf = (i: number): KycDocumentEvent[] => {
  const documentId = `doc_${i}` as MangopayId;
  const page = (pageNumber: number): KycDocumentEvent => ({ type: 'KycPageAdded', documentId, pageNumber, sha256: 'b'.repeat(64), sizeBytes: 4096, format: 'PDF' });
  const created: KycDocumentEvent = {
    type: 'KycDocumentCreated',
    documentId,
    userId: `user_${i % 500}` as MangopayId,
    documentType: TYPES[i % TYPES.length] as KycDocumentType,
    creationDate: (1_700_000_000 + (i % 1000)) as UnixTimestamp,
  };
  const outcome: KycDocumentEvent[][] = [
    [],
    [{ type: 'KycDocumentValidated', documentId, source: 'mangopay', processedDate: 1_700_100_000 as UnixTimestamp }],
    [{ type: 'KycDocumentRefused', documentId, source: 'mangopay', refusedReasonType: 'DOCUMENT_UNREADABLE', processedDate: 1_700_100_000 as UnixTimestamp }],
    [],
  ];
  const submitted: KycDocumentEvent[] = i % 4 === 0 ? [] : [{ type: 'KycDocumentSubmitted', documentId, source: 'platform' }];
  return [created, page(1), page(2), ...submitted, ...(outcome[i % 4] as KycDocumentEvent[])];
};

const store = createInMemoryEventStore();
let eventCount = 0;
for (let i = 0; i < DOCUMENTS; i++) {
  const batch: EventToAppend[] = lifeOf(i).map((event, k) => {
    const serialized = kycDocumentEventSchema.encode(event);
    return {
      eventId: `00000000-0000-8000-8000-${(i * 16 + k).toString(16).padStart(12, '0')}`,
      type: serialized.type,
      schemaVersion: serialized.schemaVersion,
      data: serialized.data as EventToAppend['data'],
      metadata: { commandId: `bench_${i}`, occurredAt: '2026-01-01T00:00:00.000Z' },
    };
  });
  eventCount += batch.length;
  await store.appendToStream(`KycDocument-doc_${i}`, { kind: 'no-stream' }, batch)();
}

/** Without a read model: fold every document stream, then filter, sort and slice. */
const documents = kycDocumentAggregate();
const foldAll = async (events: EventStore): Promise<KycDocument[]> => {
  const states: KycDocument[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const loaded = await loadAggregate({ store: events })(documents, `doc_${i}`)();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    if (isCreated(loaded.right.state)) states.push(loaded.right.state);
  }
  return states;
};
const naivePage = (states: ReadonlyArray<KycDocument>) =>
  states
    .filter((d) => QUERY.statuses?.includes(d.status) && QUERY.types?.includes(d.documentType) && d.creationDate > (QUERY.afterDate as number))
    .sort((a, b) => b.creationDate - a.creationDate || (a.documentId < b.documentId ? 1 : -1))
    .slice((QUERY.page - 1) * QUERY.perPage, QUERY.page * QUERY.perPage);

const perEvent = (m: Measurement): Measurement => ({ ...m, operations: m.operations * eventCount, opsPerSecond: m.opsPerSecond * eventCount });
let sink = 0;
const foldBaseline = await measure('fold every stream (deciders)', 3, async () => void (sink += (await foldAll(store)).length), { warmup: 1 });
const queryBaseline = await measure('fold every stream, filter, sort, slice', 5, async () => void (sink += naivePage(await foldAll(store)).length), { warmup: 1 });

const rows: Array<{ readonly workload: string; readonly subject: Measurement; readonly baseline: Measurement }> = [];
const benchReadModel = async <Tx>(name: string, projected: ProjectedKycReadModel<Tx>): Promise<void> => {
  const dependencies = { events: store, checkpoints: projected.checkpoints, projection: projected.projection };
  const rebuilt = await measure(`${name} rebuild`, 3, async () => {
    const done = await rebuild(dependencies)();
    if (E.isLeft(done)) throw new Error(done.left.message);
  }, { warmup: 1 });
  // What `kyc projections rebuild` runs: into fresh tables beside the served ones, then switched in.
  const rebuiltAside = await measure(`${name} rebuild aside and switch in`, 3, async () => {
    const done = await rebuildKycReadModel({ events: store, readModel: projected })();
    if (E.isLeft(done)) throw new Error(done.left.message);
  }, { warmup: 1 });
  const listed = await measure(`${name} listDocuments`, 2000, async () => {
    const page = await projected.readModel.listDocuments(QUERY)();
    if (E.isLeft(page)) throw new Error(page.left.message);
    sink += page.right.items.length;
  }, { latencies: true });
  rows.push({ workload: `rebuild from zero, ${eventCount.toLocaleString('en-US')} events (events/s)`, subject: perEvent(rebuilt), baseline: perEvent(foldBaseline) });
  rows.push({ workload: `kyc projections rebuild (aside, then switched in), ${eventCount.toLocaleString('en-US')} events (events/s)`, subject: perEvent(rebuiltAside), baseline: perEvent(foldBaseline) });
  rows.push({ workload: `list page 3 of VALIDATED/REFUSED IDENTITY/ADDRESS proofs, DESC (queries/s)`, subject: listed, baseline: queryBaseline });
};

const sqlite = await createSqliteKycReadModel({ filename: ':memory:' })();
if (E.isLeft(sqlite)) throw new Error(sqlite.left.message);
try {
  await benchReadModel('SQLite :memory:', sqlite.right);
} finally {
  await sqlite.right.close();
}

const postgresUrl = process.env['KYC_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `kyc_bench_read_model_${process.pid}`;
const admin = new pg.Pool({ connectionString: postgresUrl, max: 1, connectionTimeoutMillis: 3000 });
admin.on('error', () => undefined);
const reachable = await admin.query('SELECT 1').then(
  () => true,
  () => false,
);
if (reachable) {
  const postgres = await createPostgresKycReadModel({ connectionString: postgresUrl, schema })();
  if (E.isLeft(postgres)) throw new Error(postgres.left.message);
  try {
    await benchReadModel('PostgreSQL', postgres.right);
  } finally {
    await postgres.right.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
} else {
  console.log(`PostgreSQL at ${postgresUrl} is not reachable: its rows were NOT measured.`);
}
await admin.end();

console.log(comparisonTable('KYC read model beside folding every stream', rows));
if (sink < 0) console.log(sink);
