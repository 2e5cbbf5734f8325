import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { ExpectedVersion, type EventStore } from '../../src/application/ports/event-store.js';
import { anEvent } from '../../src/testing/event-store-conformance/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';

const postgres = await postgresForTests('pg known version');

const openStore = async (): Promise<EventStore> => {
  const opened = await createPostgresEventStore({ connectionString: postgres.connectionString, schema: await postgres.newSchema() })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return opened.right;
};
const events = (count: number) => Array.from({ length: count }, (_, i) => anEvent({ i }));

/**
 * An append at an exact (or no-stream) version never reads the head: the versions follow from the expected
 * one, guarded by the row at that version. These are the cases where that guard, not the key, must refuse.
 */
postgres.describe('PostgreSQL appends at a known version (no head read)', () => {
  it('refuses an expected version above the head instead of leaving a gap, and writes nothing', async () => {
    const store = await openStore();
    try {
      await store.appendToStream('s', ExpectedVersion.noStream, events(2))();
      const ahead = await store.appendToStream('s', ExpectedVersion.exact(5), events(1))();
      expect(ahead).toMatchObject({ left: { type: 'WRONG_EXPECTED_VERSION', actual: 2 } });
      const onNoStream = await store.appendToStream('empty', ExpectedVersion.exact(1), events(1))();
      expect(onNoStream).toMatchObject({ left: { type: 'WRONG_EXPECTED_VERSION', actual: 0 } });
      expect(await store.readStream('s')()).toMatchObject({ right: { streamVersion: 2 } });
      expect(await store.readStream('empty')()).toMatchObject({ right: { streamVersion: 0, events: [] } });
    } finally {
      await store.close();
    }
  });

  it('refuses an expected version below the head, and no-stream on an existing stream', async () => {
    const store = await openStore();
    try {
      await store.appendToStream('s', ExpectedVersion.noStream, events(3))();
      expect(await store.appendToStream('s', ExpectedVersion.exact(1), events(1))()).toMatchObject({ left: { type: 'WRONG_EXPECTED_VERSION', actual: 3 } });
      expect(await store.appendToStream('s', ExpectedVersion.noStream, events(1))()).toMatchObject({ left: { type: 'WRONG_EXPECTED_VERSION', actual: 3 } });
    } finally {
      await store.close();
    }
  });

  // Batches up to 10 bind one parameter per value, larger ones go through arrays: both must number from the expected version.
  it.each([1, 10, 11, 40])('a batch of %i at an exact version continues the stream without a gap', async (size) => {
    const store = await openStore();
    try {
      await store.appendToStream('s', ExpectedVersion.noStream, events(size))();
      const batch = events(size);
      const appended = await store.appendToStream('s', ExpectedVersion.exact(size), batch)();
      expect(appended).toMatchObject({ right: { streamVersion: 2 * size } });
      const read = await store.readStream('s')();
      if (E.isLeft(read)) throw new Error(read.left.message);
      expect(read.right.events.map((event) => event.streamVersion)).toEqual(Array.from({ length: 2 * size }, (_, i) => i + 1));
      expect(read.right.events.slice(size).map((event) => event.eventId)).toEqual(batch.map((event) => event.eventId));
      // The same batch again, at the same expected version: an idempotent retry, not a conflict.
      expect(await store.appendToStream('s', ExpectedVersion.exact(size), batch)()).toMatchObject({ right: { streamVersion: 2 * size } });
    } finally {
      await store.close();
    }
  });
});
