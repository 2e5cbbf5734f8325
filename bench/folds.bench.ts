/**
 * Issue 18's figures on folding: growing streams of 1,000, 10,000 and 100,000 events replayed through each
 * decider (its linear `replay` where it has one), beside a mutable fold (plain objects, Maps and arrays changed
 * in place) in the same run, in time per event; the old one-`evolve`-at-a-time fold where it finishes; a command
 * on a 10,000-event stream beside just reading (and decoding) that stream; and the audit timeline and the
 * read-model translation over the same streams. `npm run bench folds`, or `node --import tsx bench/folds.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { fixedClock } from '../src/adapters/clock/index.js';
import { createInMemoryEventStore } from '../src/adapters/in-memory/index.js';
import { createPostgresEventStore } from '../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../src/adapters/sqlite/index.js';
import { userKycAggregate, kycDocumentAggregate, idvSessionAggregate } from '../src/application/aggregates.js';
import { streamTimeline } from '../src/application/audit/index.js';
import type { Aggregate } from '../src/application/command-handling/aggregate.js';
import { createCommandHandler, immediateRetry, readDecodedStream } from '../src/application/command-handling/index.js';
import type { EventStore, EventToAppend, JsonObject } from '../src/application/ports/event-store.js';
import { readableChangesOfBatch } from '../src/application/read-models/read-model-changes.js';
import type { IdvSessionEvent } from '../src/domain/idv-session/index.js';
import { KYC_DOCUMENT_TYPES, type KycDocumentEvent } from '../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../src/domain/shared/bounded-string.js';
import { fold, replayEvents, type Decider } from '../src/domain/shared/decider.js';
import type { HttpsUrl } from '../src/domain/shared/https-url.js';
import type { UnixTimestamp } from '../src/domain/shared/unix-timestamp.js';
import type { UserKycEvent } from '../src/domain/user-kyc/index.js';
import { measure, now } from './lib/measure.js';

const SIZES = [1_000, 10_000, 100_000] as const;
/** The old fold is quadratic on growing streams: past this many events it takes minutes. */
const REFERENCE_UP_TO = 10_000;
const id = (prefix: string, i: number) => `${prefix}_${i}` as MangopayId;
const userId = id('user', 1);

/** A long-lived legal user: documents validated one after another, every tenth an earlier one expired, some sessions. */
const userKycStream = (n: number): UserKycEvent[] => {
  const events: UserKycEvent[] = [
    { type: 'UserRegistered', userId, user: { personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }, kycLevel: 'LIGHT' },
  ];
  for (let i = 1; i < n; i++) {
    const documentType = KYC_DOCUMENT_TYPES[i % KYC_DOCUMENT_TYPES.length]!;
    if (i % 10 === 0) events.push({ type: 'UserKycDocumentExpired', userId, documentId: id('doc', i - 5), documentType: KYC_DOCUMENT_TYPES[(i - 5) % KYC_DOCUMENT_TYPES.length]! });
    else if (i % 50 === 1) events.push({ type: 'UserIdvSessionValidated', userId, sessionId: id('idv', i) });
    else events.push({ type: 'UserKycDocumentValidated', userId, documentId: id('doc', i), documentType });
  }
  return events;
};

/** A document under seed 002's policy (no page limit), one page after another. */
const kycDocumentStream = (n: number): KycDocumentEvent[] => {
  const documentId = id('doc', 1);
  const events: KycDocumentEvent[] = [
    { type: 'KycDocumentCreated', documentId, userId, documentType: 'IDENTITY_PROOF', creationDate: 1_700_000_000 as UnixTimestamp },
  ];
  for (let i = 1; i < n; i++) {
    events.push({ type: 'KycPageAdded', documentId, pageNumber: i, sha256: i.toString(16).padStart(64, '0'), sizeBytes: 2048, format: 'PNG' });
  }
  return events;
};

/** A session whose checks Mangopay keeps updating, with divergences between: its state does not grow. */
const idvSessionStream = (n: number): IdvSessionEvent[] => {
  const sessionId = id('idv', 1);
  const events: IdvSessionEvent[] = [
    { type: 'IdvSessionStarted', sessionId, userId, personType: 'NATURAL', returnUrl: 'https://platform.example/back' as HttpsUrl, hostedUrl: 'https://idv.example/s', creationDate: 1_700_000_000 as UnixTimestamp },
  ];
  for (let i = 1; i < n; i++) {
    events.push(
      i % 2 === 0
        ? { type: 'IdvSessionChecksObserved', sessionId, checks: [] }
        : { type: 'IdvSessionStatusDiverged', sessionId, localStatus: 'PENDING', observedStatus: 'VALIDATED' },
    );
  }
  return events;
};

/** The baselines: the same state changes, by hand, on one object mutated in place. */
const mutableUserKyc = (events: ReadonlyArray<UserKycEvent>) => {
  const s = { status: 'UNKNOWN' as string, userId: '', documents: new Map<string, string>(), sessions: new Set<string>() };
  for (const e of events) {
    switch (e.type) {
      case 'UserRegistered':
        s.status = e.kycLevel;
        s.userId = e.userId;
        s.documents = new Map();
        s.sessions = new Set();
        break;
      case 'UserKycLevelChanged':
        s.status = e.to;
        break;
      case 'UserKycDocumentValidated':
        s.documents.set(e.documentId, e.documentType);
        break;
      case 'UserKycDocumentExpired':
        s.documents.delete(e.documentId);
        break;
      case 'UserIdvSessionValidated':
        s.sessions.add(e.sessionId);
        break;
      case 'UserIdvSessionExpired':
        s.sessions.delete(e.sessionId);
        break;
      default:
        break;
    }
  }
  return s;
};
/**
 * The floor for a state that must remember every validated id (decide asks whether a document or session is
 * counted): the same ids into a bare `Map` and `Set`, nothing else. Its growth is the memory hierarchy's.
 */
const bareIdsUserKyc = (events: ReadonlyArray<UserKycEvent>) => {
  const documents = new Map<string, string>();
  const sessions = new Set<string>();
  for (const e of events) {
    if (e.type === 'UserKycDocumentValidated') documents.set(e.documentId, e.documentType);
    else if (e.type === 'UserKycDocumentExpired') documents.delete(e.documentId);
    else if (e.type === 'UserIdvSessionValidated') sessions.add(e.sessionId);
  }
  return { status: documents.size > 0 ? 'X' : '' };
};
/** The floor for a state that must keep every page's record: the records alone pushed into a bare array. */
const bareRecordsKycDocument = (events: ReadonlyArray<KycDocumentEvent>) => {
  const pages: Array<{ pageNumber: number; sha256: string; sizeBytes: number; format: string }> = [];
  for (const e of events) if (e.type === 'KycPageAdded') pages.push({ pageNumber: e.pageNumber, sha256: e.sha256, sizeBytes: e.sizeBytes, format: e.format });
  return { status: pages.length > 0 ? 'X' : '' };
};
const mutableKycDocument = (events: ReadonlyArray<KycDocumentEvent>) => {
  const s = { status: 'NOT_CREATED' as string, documentId: '', pages: [] as Array<{ pageNumber: number; sha256: string; sizeBytes: number; format: string }> };
  for (const e of events) {
    if (e.type === 'KycDocumentCreated') {
      s.status = 'CREATED';
      s.documentId = e.documentId;
      s.pages = [];
    } else if (e.type === 'KycPageAdded') s.pages.push({ pageNumber: e.pageNumber, sha256: e.sha256, sizeBytes: e.sizeBytes, format: e.format });
  }
  return s;
};
const mutableIdvSession = (events: ReadonlyArray<IdvSessionEvent>) => {
  const s = { status: 'NOT_STARTED' as string, sessionId: '', checks: [] as ReadonlyArray<unknown>, divergentStatus: undefined as unknown };
  for (const e of events) {
    if (e.type === 'IdvSessionStarted') {
      s.status = 'PENDING';
      s.sessionId = e.sessionId;
    } else if (e.type === 'IdvSessionChecksObserved') s.checks = e.checks;
    else if (e.type === 'IdvSessionStatusDiverged') s.divergentStatus = e.observedStatus;
  }
  return s;
};

let sink = 0;
const rounds = (n: number) => Math.max(3, Math.round(200_000 / n));
/**
 * Every size folds the same 100,000 events (100 streams of 1,000, 10 of 10,000, one of 100,000), each event its
 * own object: the memory a fold walks is the same at every size, so what grows per event is the fold's own work.
 */
const EVENTS_PER_ROUND = 100_000;
const FOLD_ROUNDS = 5;
const nsPerEvent = (seconds: number, operations: number, n: number) => (seconds * 1e9) / (operations * n);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Subject<Ev> {
  readonly name: string;
  readonly decider: Decider<unknown, Ev, unknown, unknown>;
  readonly stream: (n: number) => Ev[];
  readonly mutable: (events: ReadonlyArray<Ev>) => { readonly status: string };
  readonly floor?: (events: ReadonlyArray<Ev>) => { readonly status: string };
}
const subjects: ReadonlyArray<Subject<never>> = [
  { name: 'UserKyc (validated documents grow)', decider: userKycAggregate.decider, stream: userKycStream, mutable: mutableUserKyc, floor: bareIdsUserKyc },
  { name: 'KycDocument (pages grow)', decider: kycDocumentAggregate().decider, stream: kycDocumentStream, mutable: mutableKycDocument, floor: bareRecordsKycDocument },
  { name: 'IdvSession (flat state)', decider: idvSessionAggregate.decider, stream: idvSessionStream, mutable: mutableIdvSession },
] as unknown as ReadonlyArray<Subject<never>>;

const foldLines = [
  '### Folding growing streams, 100,000 events a round at every size (ns per event; lower is better)',
  '',
  '| aggregate | events | `replayEvents` (kyc-core) | mutable fold (baseline) | ratio to baseline | what must be kept, alone: ids into a bare Map, pages into a bare array (floor) | old fold, one `evolve` at a time |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const flatness: string[] = [];
/** Passes over every size, sizes interleaved within a pass, so no size is measured with the JIT colder than another. */
const FOLD_PASSES = 4;
for (const subject of subjects) {
  const bySize = SIZES.map((n) => ({ n, streams: Array.from({ length: EVENTS_PER_ROUND / n }, () => subject.stream(n)), ours: Infinity, base: Infinity, floor: Infinity }));
  const r = FOLD_ROUNDS;
  // Every pass runs every size, the subject, the baseline and the floor one after another; the best of each kept (the VM is shared).
  for (let pass = 0; pass < FOLD_PASSES; pass++) {
    for (const size of bySize) {
      const { streams } = size;
      const ours = await measure('replay', r, () => {
        for (const stream of streams) sink += (replayEvents(subject.decider, subject.decider.initialState, stream) as { status: string }).status.length;
      }, { warmup: 1 });
      const base = await measure('mutable', r, () => {
        for (const stream of streams) sink += subject.mutable(stream).status.length;
      }, { warmup: 1 });
      const { floor } = subject;
      if (floor !== undefined) {
        const bare = await measure('bare ids', r, () => {
          for (const stream of streams) sink += floor(stream).status.length;
        }, { warmup: 1 });
        size.floor = Math.min(size.floor, nsPerEvent(bare.seconds, r, EVENTS_PER_ROUND));
      }
      size.ours = Math.min(size.ours, nsPerEvent(ours.seconds, r, EVENTS_PER_ROUND));
      size.base = Math.min(size.base, nsPerEvent(base.seconds, r, EVENTS_PER_ROUND));
    }
  }
  for (const { n, streams, ours, base, floor } of bySize) {
    let reference = '';
    if (n <= REFERENCE_UP_TO) {
      const evolveOnly = fold(subject.decider.evolve, subject.decider.initialState);
      const t0 = now();
      sink += (evolveOnly(streams[0]!) as { status: string }).status.length;
      reference = fmt(((now() - t0) * 1e6) / n);
    }
    const floorCell = floor === Infinity ? '' : fmt(floor, 1);
    foldLines.push(`| ${subject.name} | ${fmt(n)} | ${fmt(ours, 1)} | ${fmt(base, 1)} | ${fmt(base / ours, 2)} | ${floorCell} | ${reference} |`);
  }
  const perEvent = bySize.map((size) => size.ours);
  const basePerEvent = bySize.map((size) => size.base);
  const floorPerEvent = bySize.map((size) => size.floor);
  const growthOf = (values: ReadonlyArray<number>) => values[values.length - 1]! / values[0]!;
  const growth = growthOf(perEvent);
  const floorGrowth = growthOf(floorPerEvent);
  const floorCells = Number.isFinite(floorGrowth) ? `${fmt(floorGrowth, 2)} | ${fmt(growth / floorGrowth, 2)}` : ' | ';
  flatness.push(`| ${subject.name} | ${fmt(growth, 2)} | ${fmt(growthOf(basePerEvent), 2)} | ${floorCells} | ≤ 2 ${growth <= 2 ? '✔' : '✘'} |`);
}
console.log(foldLines.join('\n'));
console.log(['', '| aggregate | kyc-core: ns/event at 100,000 ÷ at 1,000 | mutable baseline: the same | floor: the same | kyc-core\'s growth ÷ the floor\'s | target (kyc-core) |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...flatness].join('\n'));

// Streams in the in-memory store, as the command handler, the audit timeline and the read model read them.
let eventIds = 0;
const toAppend = <Ev extends { readonly type: string }>(aggregate: Aggregate<unknown, Ev, unknown, unknown>, events: ReadonlyArray<Ev>, offset = 0): EventToAppend[] =>
  events.map((event, i) => {
    const serialized = aggregate.events.encode(event);
    return {
      eventId: `00000000-0000-8000-8000-${(eventIds++).toString(16).padStart(12, '0')}`,
      type: serialized.type,
      schemaVersion: serialized.schemaVersion,
      data: serialized.data as JsonObject,
      metadata: { commandId: `seed_${offset + i}`, occurredAt: '2026-12-02T00:00:00.000Z' },
    };
  });
const stored = async (store: EventStore, streamName: string, events: ReadonlyArray<UserKycEvent>): Promise<void> => {
  const aggregate = userKycAggregate as unknown as Aggregate<unknown, UserKycEvent, unknown, unknown>;
  for (let start = 0; start < events.length; start += 1_000) {
    const appended = await store.appendToStream(streamName, start === 0 ? { kind: 'no-stream' } : { kind: 'exact', version: start }, toAppend(aggregate, events.slice(start, start + 1_000), start))();
    if (E.isLeft(appended)) throw new Error(appended.left.type);
  }
};

// A command on a 10,000-event UserKyc stream, beside reading that stream (and reading and decoding it), on the
// in-memory store and on the two durable ones, where reading is a query and JSON parsing.
const COMMAND_STREAM = 10_000;
const OPERATIONS = 60;
const ms = (m: { seconds: number; operations: number }) => (m.seconds * 1000) / m.operations;
const commandLines = [
  '',
  `### A command on a ${fmt(COMMAND_STREAM)}-event UserKyc stream (ms per operation)`,
  '',
  '| store | operation | ms | × reading the stream | × reading and decoding it |',
  '| --- | --- | ---: | ---: | ---: |',
];
const commandOn = async (storeName: string, store: EventStore): Promise<void> => {
  await stored(store, `UserKyc-${userId}`, userKycStream(COMMAND_STREAM));
  const handle = createCommandHandler({ store, clock: fixedClock(), retry: immediateRetry() });
  const commandRun = await measure('command handler (RecordKycDocumentStatus)', OPERATIONS, async (i) => {
    const documentId = id('fresh', i < 0 ? 1_000_000 - i : i);
    const result = await handle(userKycAggregate, userId, {
      commandId: `cmd_${documentId}` as CommandId,
      command: { type: 'RecordKycDocumentStatus', userId, documentId, documentType: 'IDENTITY_PROOF', status: 'VALIDATED' },
    })();
    if (E.isLeft(result)) throw new Error(result.left.type);
  }, { warmup: 5 });
  const readRun = await measure('store.readStream', OPERATIONS, async () => {
    const read = await store.readStream(`UserKyc-${userId}`)();
    if (E.isLeft(read)) throw new Error(read.left.type);
    sink += read.right.events.length;
  }, { warmup: 5 });
  const decodeRun = await measure('readDecodedStream', OPERATIONS, async () => {
    const read = await readDecodedStream(store, userKycAggregate as unknown as Aggregate<unknown, UserKycEvent, unknown, unknown>, `UserKyc-${userId}`)();
    if (E.isLeft(read)) throw new Error(read.left.type);
    sink += read.right.events.length;
  }, { warmup: 5 });
  for (const m of [commandRun, readRun, decodeRun]) {
    commandLines.push(`| ${storeName} | ${m.name} | ${fmt(ms(m), 2)} | ${fmt(ms(m) / ms(readRun), 2)} | ${fmt(ms(m) / ms(decodeRun), 2)} |`);
  }
};
const store = createInMemoryEventStore();
await commandOn('in-memory', store);
const sqliteDirectory = mkdtempSync(join(tmpdir(), 'kyc-bench-folds-'));
const sqlite = await createSqliteEventStore({ filename: join(sqliteDirectory, 'events.db') })();
if (E.isLeft(sqlite)) throw new Error(sqlite.left.message);
try {
  await commandOn('SQLite (file, WAL)', sqlite.right);
} finally {
  await sqlite.right.close();
  rmSync(sqliteDirectory, { recursive: true, force: true });
}
const postgresUrl = process.env['KYC_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresSchema = `kyc_bench_folds_${process.pid}`;
const postgres = await createPostgresEventStore({ connectionString: postgresUrl, schema: postgresSchema })();
if (E.isLeft(postgres)) {
  commandLines.push(`| PostgreSQL | not reachable at ${postgresUrl}: NOT measured | | | |`);
} else {
  const admin = new pg.Pool({ connectionString: postgresUrl, max: 1 });
  try {
    await commandOn('PostgreSQL', postgres.right);
  } finally {
    await postgres.right.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${postgresSchema}" CASCADE`);
    await admin.end();
  }
}
console.log(commandLines.join('\n'));

// The audit timeline and the read model's translation of events into row changes, over growing streams.
const auditLines = ['', '### Audit timeline and read-model translation over growing UserKyc streams (ns per event)', '', '| events | `streamTimeline` | `readableChangesOfBatch` |', '| ---: | ---: | ---: |'];
const timeline = streamTimeline(store, [userKycAggregate as unknown as Parameters<typeof streamTimeline>[1][number]]);
for (const n of SIZES) {
  const streamName = `UserKyc-${id('audited', n)}`;
  await stored(store, streamName, userKycStream(n).map((event) => ({ ...event, userId: id('audited', n) })));
  const r = rounds(n);
  const read = await store.readStream(streamName)();
  if (E.isLeft(read)) throw new Error(read.left.type);
  const audit = await measure('timeline', r, async () => {
    const t = await timeline(streamName)();
    if (E.isLeft(t)) throw new Error(t.left.type);
    sink += t.right.entries.length;
  }, { warmup: Math.min(r, 3) });
  const changes = await measure('changes', r, () => {
    sink += readableChangesOfBatch(read.right.events, new Set()).changes.length;
  }, { warmup: Math.min(r, 3) });
  auditLines.push(`| ${fmt(n)} | ${fmt(nsPerEvent(audit.seconds, r, n), 0)} | ${fmt(nsPerEvent(changes.seconds, r, n), 0)} |`);
}
console.log(auditLines.join('\n'));
if (sink < 0) console.log(sink);
