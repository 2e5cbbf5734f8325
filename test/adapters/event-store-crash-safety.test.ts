import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/event-store/index.js';
import type { EventStore, GlobalPosition, RecordedEvent } from '../../src/application/ports/event-store.js';
import { pause } from '../../src/testing/event-store-conformance/conformance-helpers.js';
import type { AcknowledgedBatch } from '../support/append-bursts-child.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'support', 'append-bursts-child.ts');
const ACKS_BEFORE_KILL = 60;

/** Runs the child, SIGKILLs it once it has acknowledged enough batches, and returns those acknowledgements. */
const appendUntilKilled = (args: ReadonlyArray<string>): Promise<{ readonly acks: AcknowledgedBatch[]; readonly signal: NodeJS.Signals | null }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: AcknowledgedBatch[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) acks.push(JSON.parse(line) as AcknowledgedBatch);
      // Killed in the middle of a burst: its writers are always in the middle of an append.
      if (acks.length >= ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === null ? reject(new Error(`child exited with ${code}: ${stderr}`)) : resolve({ acks, signal })));
  });

/** Everything in the global order, read until it stays the same (the killed connections' transactions end on their own). */
const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let after: GlobalPosition | undefined;
  for (let quiet = 0; quiet < 3; ) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1000 })();
    if (E.isLeft(page)) throw new Error(page.left.message);
    const last = page.right[page.right.length - 1];
    if (last === undefined) {
      quiet++;
      await pause(100);
      continue;
    }
    events.push(...page.right);
    after = last.globalPosition;
  }
  return events;
};

const expectEveryAckedEventAndNoHalfBatch = async (store: EventStore, acks: ReadonlyArray<AcknowledgedBatch>): Promise<void> => {
  const events = await readEverything(store);
  const byId = new Map(events.map((event) => [event.eventId, event] as const));
  expect(byId.size).toBe(events.length);
  for (const ack of acks) {
    const stored = ack.eventIds.map((id) => byId.get(id));
    expect(stored.every((event) => event?.streamName === ack.stream), `acknowledged batch ${ack.batchId} is all there`).toBe(true);
  }
  const batches = new Map<string, RecordedEvent[]>();
  for (const event of events) batches.set(event.metadata.commandId, [...(batches.get(event.metadata.commandId) ?? []), event]);
  for (const [batchId, batch] of batches) {
    const versions = batch.map((event) => event.streamVersion);
    expect(batch.length, `batch ${batchId} is whole`).toBe(batch[0]?.metadata['batchSize']);
    expect(versions, `batch ${batchId} is contiguous`).toEqual(versions.map((_, i) => (versions[0] as number) + i));
  }
  expect(batches.size).toBeGreaterThanOrEqual(acks.length);
  for (const stream of new Set(events.map((event) => event.streamName))) {
    const read = await store.readStream(stream)();
    if (E.isLeft(read)) throw new Error(read.left.message);
    expect(read.right.events.map((event) => event.streamVersion)).toEqual(read.right.events.map((_, i) => i + 1));
  }
};

describe('crash safety: a writer process SIGKILLed mid-burst', () => {
  it('SQLite keeps every acknowledged event and no half batch', async () => {
    const directory = temporaryDirectory('crash-sqlite');
    try {
      const file = join(directory.path, 'events.sqlite');
      const { acks, signal } = await appendUntilKilled(['sqlite', file]);
      expect(signal).toBe('SIGKILL');
      expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
      const opened = await createSqliteEventStore({ filename: file })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      try {
        await expectEveryAckedEventAndNoHalfBatch(opened.right, acks);
      } finally {
        await opened.right.close();
      }
    } finally {
      directory.remove();
    }
  }, 60_000);
});

const postgres = await postgresForTests('pg crash');

postgres.describe('crash safety: a PostgreSQL writer process SIGKILLed mid-burst', () => {
  it('PostgreSQL keeps every acknowledged event and no half batch', async () => {
    const schema = await postgres.newSchema();
    const { acks, signal } = await appendUntilKilled(['postgres', postgres.connectionString, schema]);
    expect(signal).toBe('SIGKILL');
    const opened = await createPostgresEventStore({ connectionString: postgres.connectionString, schema })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    try {
      await expectEveryAckedEventAndNoHalfBatch(opened.right, acks);
    } finally {
      await opened.right.close();
    }
  }, 60_000);
});
