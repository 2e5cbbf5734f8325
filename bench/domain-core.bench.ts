/**
 * Issue 2's figures: folding through `evolve` beside a hand-written mutable reducer; command handling on
 * the in-memory store beside Emmett's CommandHandler with its in-memory store, running the same decider;
 * and the heap the in-memory store needs for one million events.
 */
import { CommandHandler, getInMemoryEventStore, type Event as EmmettEvent } from '@event-driven-io/emmett';
import * as E from 'fp-ts/lib/Either.js';
import { fixedClock } from '../src/adapters/clock/index.js';
import { createInMemoryEventStore } from '../src/adapters/in-memory/index.js';
import { kycDocumentAggregate } from '../src/application/aggregates.js';
import { createCommandHandler, immediateRetry } from '../src/application/command-handling/index.js';
import type { EventToAppend } from '../src/application/ports/event-store.js';
import {
  evolveKycDocument,
  initialKycDocumentState,
  kycDocumentDecider,
  SEED_PAGE_POLICY,
  type KycDocumentCommand,
  type KycDocumentEvent,
  type KycDocumentState,
} from '../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../src/domain/shared/unix-timestamp.js';
import { comparisonTable, measure } from './lib/measure.js';

const PAGE = (() => {
  const bytes = Buffer.alloc(2048, 0x41);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes.toString('base64');
})();

/** One document's life: created, three pages, submitted, validated, out of date. */
const history = (i: number): KycDocumentEvent[] => {
  const documentId = `doc_${i}` as MangopayId;
  const page = (pageNumber: number): KycDocumentEvent => ({
    type: 'KycPageAdded',
    documentId,
    pageNumber,
    sha256: 'a'.repeat(64),
    sizeBytes: 2048,
    format: 'PNG',
  });
  return [
    { type: 'KycDocumentCreated', documentId, userId: `user_${i}` as MangopayId, documentType: 'IDENTITY_PROOF', creationDate: 1_700_000_000 as UnixTimestamp },
    page(1),
    page(2),
    page(3),
    { type: 'KycDocumentSubmitted', documentId, source: 'platform' },
    { type: 'KycDocumentValidated', documentId, source: 'mangopay', processedDate: 1_700_000_100 as UnixTimestamp },
    { type: 'KycDocumentOutOfDate', documentId, source: 'mangopay' },
  ];
};

/** The baseline: the same state changes, by hand, mutating one object. */
interface MutableDocument {
  status: string;
  documentId?: string;
  userId?: string;
  documentType?: string;
  tag?: string;
  creationDate?: number;
  processedDate?: number;
  refusedReasonType?: unknown;
  refusedReasonMessage?: unknown;
  pages: Array<{ pageNumber: number; sha256: string; sizeBytes: number; format: string }>;
}
const mutableFold = (events: ReadonlyArray<KycDocumentEvent>): MutableDocument => {
  const s: MutableDocument = { status: 'NOT_CREATED', pages: [] };
  for (const e of events) {
    switch (e.type) {
      case 'KycDocumentCreated':
        s.status = 'CREATED';
        s.documentId = e.documentId;
        s.userId = e.userId;
        s.documentType = e.documentType;
        s.tag = e.tag;
        s.creationDate = e.creationDate;
        break;
      case 'KycPageAdded':
        s.pages.push({ pageNumber: e.pageNumber, sha256: e.sha256, sizeBytes: e.sizeBytes, format: e.format });
        break;
      case 'KycDocumentSubmitted':
        s.status = 'VALIDATION_ASKED';
        break;
      case 'KycDocumentValidated':
        s.status = 'VALIDATED';
        s.processedDate = e.processedDate;
        break;
      case 'KycDocumentRefused':
        s.status = 'REFUSED';
        s.refusedReasonType = e.refusedReasonType;
        s.refusedReasonMessage = e.refusedReasonMessage;
        s.processedDate = e.processedDate;
        break;
      case 'KycDocumentOutOfDate':
        s.status = 'OUT_OF_DATE';
        break;
      case 'KycDocumentStatusDiverged':
        break;
    }
  }
  return s;
};

const streams = Array.from({ length: 20_000 }, (_, i) => history(i));
const eventsPerRound = streams.reduce((n, s) => n + s.length, 0);
const ROUNDS = 30;
let sink = 0;

const foldEvolve = await measure('evolve (immutable)', ROUNDS, () => {
  for (const events of streams) {
    let state: KycDocumentState = initialKycDocumentState;
    for (const event of events) state = evolveKycDocument(state, event);
    sink += state.status.length;
  }
}, { warmup: 3 });
const foldMutable = await measure('hand-written mutable reducer', ROUNDS, () => {
  for (const events of streams) sink += mutableFold(events).status.length;
}, { warmup: 3 });
const perEvent = (m: typeof foldEvolve) => ({ ...m, operations: m.operations * eventsPerRound, opsPerSecond: m.opsPerSecond * eventsPerRound });

// Command handling: each document's life as five commands, on fresh streams.
const DOCS = 4_000;
const lifeOf = (i: number): KycDocumentCommand[] => {
  const documentId = `doc_${i}` as MangopayId;
  const userId = `user_${i}` as MangopayId;
  const creationDate = 1_700_000_000 as UnixTimestamp;
  return [
    { type: 'CreateKycDocument', documentId, userId, documentType: 'ADDRESS_PROOF', creationDate },
    { type: 'AddKycPage', documentId, userId, file: PAGE },
    { type: 'AddKycPage', documentId, userId, file: PAGE },
    { type: 'SubmitKycDocument', documentId, userId },
    { type: 'ObserveKycDocument', documentId, userId, documentType: 'ADDRESS_PROOF', creationDate, status: 'VALIDATED', processedDate: 1_700_000_100 as UnixTimestamp },
  ];
};
const commands = Array.from({ length: DOCS }, (_, i) => lifeOf(i)).flat();
/** `measure` passes -1, -2, … for warm-up runs: replay the first commands on other streams. */
const pick = (i: number) => {
  const command = commands[i < 0 ? -1 - i : i]!;
  return { command, id: i < 0 ? `warm_${command.documentId}` : command.documentId };
};

const ours = createCommandHandler({ store: createInMemoryEventStore(), clock: fixedClock(), retry: immediateRetry() });
const aggregate = kycDocumentAggregate(SEED_PAGE_POLICY);
const oursRun = await measure('kyc-core command handler', commands.length, async (i) => {
  const { command, id } = pick(i);
  const result = await ours(aggregate, id, { commandId: `c${i}` as CommandId, command })();
  if (E.isLeft(result)) throw new Error(result.left.type);
}, { warmup: 500 });

type Wrapped = EmmettEvent<KycDocumentEvent['type'], { readonly event: KycDocumentEvent }>;
const decider = kycDocumentDecider(SEED_PAGE_POLICY);
const emmettHandle = CommandHandler<KycDocumentState, Wrapped>({
  evolve: (state, wrapped) => evolveKycDocument(state, wrapped.data.event),
  initialState: () => initialKycDocumentState,
  mapToStreamId: (id) => `KycDocument-${id}`,
});
const emmettStore = getInMemoryEventStore();
const emmettRun = await measure("Emmett CommandHandler + in-memory store", commands.length, async (i) => {
  const { command, id } = pick(i);
  await emmettHandle(emmettStore, id, (state) => {
    const decision = decider.decide(command, state);
    if (E.isLeft(decision)) throw new Error(decision.left.type);
    return decision.right.map((event) => ({ type: event.type, data: { event } }) as Wrapped);
  });
}, { warmup: 500 });

console.log(
  comparisonTable('Folding and command handling', [
    { workload: `fold ${eventsPerRound.toLocaleString('en-US')} events × ${ROUNDS} (events/s)`, subject: perEvent(foldEvolve), baseline: perEvent(foldMutable), target: 0.5 },
    { workload: `${commands.length.toLocaleString('en-US')} commands, 5 per document (commands/s)`, subject: oursRun, baseline: emmettRun, target: 1.0 },
  ]),
);

// Memory: one million events held by the in-memory store.
const store = createInMemoryEventStore();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const BATCH = 10;
for (let i = 0; i < 1_000_000 / BATCH; i++) {
  const stream = `KycDocument-mem_${i}`;
  const batch: EventToAppend[] = Array.from({ length: BATCH }, (_, k) => ({
    eventId: `00000000-0000-8000-8000-${(i * BATCH + k).toString(16).padStart(12, '0')}`,
    type: 'KycPageAdded',
    schemaVersion: 1,
    data: { type: 'KycPageAdded', documentId: `mem_${i}`, pageNumber: k + 1, sha256: (i * BATCH + k).toString(16).padStart(64, '0'), sizeBytes: 2048, format: 'PNG' },
    metadata: { commandId: `cmd_${i}_${k}`, occurredAt: '2026-01-01T00:00:00.000Z' },
  }));
  await store.appendToStream(stream, { kind: 'no-stream' }, batch)();
}
gc?.();
const after = process.memoryUsage().heapUsed;
const held = await store.readAll({ maxCount: 2_000_000 })();
if (E.isLeft(held) || held.right.length !== 1_000_000) throw new Error("the store does not hold the million events");
const heapMiB = (after - before) / 2 ** 20;
console.log(`\n### Memory\n\n| workload | heap used | target |\n| --- | ---: | ---: |\n| in-memory store holding 1,000,000 events (100,000 streams of 10 page events) | ${heapMiB.toFixed(0)} MiB | < 1024 MiB ${heapMiB < 1024 ? '✔' : '✘'} |`);
if (sink < 0) console.log(sink);
