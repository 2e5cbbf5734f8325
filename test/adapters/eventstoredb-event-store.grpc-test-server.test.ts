import * as E from 'fp-ts/lib/Either.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from '../../src/adapters/eventstoredb/event-store/index.js';
import { ExpectedVersion } from '../../src/application/ports/event-store.js';
import { anEvent, describeEventStoreConformance, largeString } from '../../src/testing/event-store-conformance/index.js';
import { startEventStoreDbGrpcTestServer, type EventStoreDbGrpcTestServer } from '../support/eventstoredb-grpc-test-server/index.js';

/**
 * The EventStoreDB event store through the real @eventstore/db-client, over gRPC, against the TEST SERVER of
 * test/support/eventstoredb-grpc-test-server (a double written from EventStoreDB's documented behaviour, not
 * EventStoreDB). Run twice: as a 21.10+ node (the client appends by BatchAppend) and as an older one without
 * ServerFeatures (the client falls back to Append). The conformance batch of 2.5 MB needs MaxAppendSize raised
 * (as on a real node: --max-append-size), so these nodes take 4 MiB.
 */
const limitations = {
  'event-ids-checked-across-streams-and-content':
    'EventStoreDB keeps event ids unique only per stream position and takes a same-id replay as idempotent without comparing content',
} as const;

for (const serverFeatures of ['supported-methods', 'unimplemented'] as const) {
  let server: EventStoreDbGrpcTestServer;
  beforeAll(async () => {
    server = await startEventStoreDbGrpcTestServer({ serverFeatures, maxAppendSize: 4 * 1024 * 1024 });
  });
  afterAll(() => server.stop());
  const appends = serverFeatures === 'supported-methods' ? 'BatchAppend' : 'Append';
  describeEventStoreConformance(
    `EventStoreDB client over gRPC to the EventStoreDB TEST SERVER (double, ${appends})`,
    async () => {
      const opened = await createEventStoreDbEventStore({ connectionString: server.connectionString, streamPrefix: `conformance${randomUUID().replaceAll('-', '')}_` })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      return { store: opened.right, teardown: async () => undefined };
    },
    { limitations },
  );
}

/** What the test server showed of the adapter (each test failed before its fix). */
describe('EventStoreDB event store over gRPC to the EventStoreDB TEST SERVER (double): found by it', () => {
  let server: EventStoreDbGrpcTestServer;
  beforeAll(async () => {
    server = await startEventStoreDbGrpcTestServer();
  });
  afterAll(() => server.stop());
  const open = async () => {
    const opened = await createEventStoreDbEventStore({ connectionString: server.connectionString, streamPrefix: `found${randomUUID().replaceAll('-', '')}_` })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    return opened.right;
  };

  it('close returns after reads of a head and of the last position (a read left before its end never finishes in the client)', async () => {
    const store = await open();
    await store.appendToStream('s', ExpectedVersion.noStream, [anEvent(), anEvent()])();
    expect(await store.appendToStream('s', ExpectedVersion.exact(2), [])()).toMatchObject({ _tag: 'Right' });
    expect(await store.lastPosition()()).toMatchObject({ _tag: 'Right' });
    expect(await store.readAll({ maxCount: 1 })()).toMatchObject({ _tag: 'Right', right: [expect.anything()] });
    expect(await store.readStream('s')()).toMatchObject({ _tag: 'Right', right: { streamVersion: 2 } });
    await store.close();
  });

  it('an append over MaxAppendSize is INVALID_EVENT_FOR_STORE naming the limit, not EVENT_STORE_UNAVAILABLE to retry', async () => {
    const store = await open();
    const big = anEvent({ blob: largeString(1.5) });
    const refused = await store.appendToStream('big', ExpectedVersion.any, [big])();
    expect(refused).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_EVENT_FOR_STORE', eventId: big.eventId } });
    expect(E.isLeft(refused) && refused.left.message).toContain('MaxAppendSize of 1048576 bytes');
    await store.close();
  });
});
