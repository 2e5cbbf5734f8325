/**
 * Run as a child process by the crash-safety test: appends bursts of batches to one store for ever,
 * printing each acknowledged batch as a JSON line on stdout (synchronous on a pipe), until it is killed.
 *   node --import tsx append-bursts-child.ts sqlite <file>
 *   node --import tsx append-bursts-child.ts postgres <connection string> <schema>
 */
import * as E from 'fp-ts/lib/Either.js';
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/event-store/index.js';
import { ExpectedVersion, type EventStore, type EventToAppend } from '../../src/application/ports/event-store.js';

export interface AcknowledgedBatch {
  readonly batchId: string;
  readonly stream: string;
  readonly size: number;
  readonly eventIds: ReadonlyArray<string>;
}

const [kind, location, schema] = process.argv.slice(2);
const opened =
  kind === 'sqlite'
    ? await createSqliteEventStore({ filename: location as string })()
    : await createPostgresEventStore({ connectionString: location as string, schema: schema as string, poolSize: 4 })();
if (E.isLeft(opened)) {
  process.stderr.write(`${opened.left.message}\n`);
  process.exit(2);
}
const store: EventStore = opened.right;

const batchOf = (batchId: string, size: number): EventToAppend[] =>
  Array.from({ length: size }, (_, index) => ({
    eventId: randomUUID(),
    type: 'CrashTestAppended',
    schemaVersion: 1,
    // Some weight per event, so a kill is likely to land inside a write.
    data: { index, padding: 'x'.repeat(2000 + Math.floor(Math.random() * 20_000)) },
    metadata: { commandId: batchId, occurredAt: new Date(0).toISOString(), batchSize: size },
  }));

/** One writer: its own streams, exact expected versions, batches of 1 to 12 events. */
const writer = async (writerIndex: number): Promise<never> => {
  const versions = new Map<string, number>();
  for (let n = 0; ; n++) {
    const stream = `crash-${writerIndex}-${n % 4}`;
    const batchId = randomUUID();
    const size = 1 + Math.floor(Math.random() * 12);
    const batch = batchOf(batchId, size);
    const version = versions.get(stream) ?? 0;
    const appended = await store.appendToStream(stream, ExpectedVersion.exact(version), batch)();
    if (E.isLeft(appended)) {
      process.stderr.write(`${appended.left.type}: ${appended.left.message}\n`);
      process.exit(3);
    }
    versions.set(stream, appended.right.streamVersion);
    const ack: AcknowledgedBatch = { batchId, stream, size, eventIds: batch.map((event) => event.eventId) };
    process.stdout.write(`${JSON.stringify(ack)}\n`);
  }
};

await Promise.all(Array.from({ length: kind === 'sqlite' ? 1 : 4 }, (_, i) => writer(i)));
