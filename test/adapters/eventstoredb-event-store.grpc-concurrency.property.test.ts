import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from '../../src/adapters/eventstoredb/event-store/index.js';
import { ExpectedVersion, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.js';
import { anEvent } from '../../src/testing/event-store-conformance/index.js';
import { startEventStoreDbGrpcTestServer, type EventStoreDbGrpcTestServer } from '../support/eventstoredb-grpc-test-server/index.js';

/**
 * Several clients (each its own @eventstore/db-client and gRPC channel) appending at once to the same streams
 * through the EventStoreDB event store, against the EventStoreDB TEST SERVER (a double, not EventStoreDB):
 * whatever the plan, each version is won once, every refusal names a version the stream had reached, no
 * acknowledged event is lost or doubled, and $all holds them once each in the order of their positions.
 */
type Plan = ReadonlyArray<{ readonly client: number; readonly stream: number; readonly expect: 'read-head' | 'any' | 'no-stream' }>;

let server: EventStoreDbGrpcTestServer;
beforeAll(async () => {
  server = await startEventStoreDbGrpcTestServer();
});
afterAll(() => server.stop());

const CLIENTS = 3;
const STREAMS = 2;

const openClients = async (prefix: string): Promise<EventStore[]> =>
  Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const opened = await createEventStoreDbEventStore({ connectionString: server.connectionString, streamPrefix: prefix })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      return opened.right;
    }),
  );

describe('EventStoreDB event store: several clients on the same streams over gRPC to the EventStoreDB TEST SERVER (double)', () => {
  it('property: versions won once, refusals name a reached version, nothing lost or doubled, $all in position order', async () => {
    const step = fc.record({ client: fc.nat(CLIENTS - 1), stream: fc.nat(STREAMS - 1), expect: fc.constantFrom('read-head' as const, 'any' as const, 'no-stream' as const) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (plan: Plan) => {
        const prefix = `race${randomUUID().replaceAll('-', '')}_`;
        const stores = await openClients(prefix);
        try {
          const outcomes = await Promise.all(
            plan.map(async ({ client, stream, expect: kind }) => {
              const store = stores[client];
              if (store === undefined) throw new Error('no such client');
              const name = `s${stream}`;
              const event = anEvent({ client, stream });
              let expected = kind === 'any' ? ExpectedVersion.any : ExpectedVersion.noStream;
              if (kind === 'read-head') {
                const head = await store.readStream(name)();
                if (E.isLeft(head)) throw new Error(head.left.message);
                expected = ExpectedVersion.exact(head.right.streamVersion);
              }
              return { name, event, expected, result: await store.appendToStream(name, expected, [event])() };
            }),
          );
          const reader = stores[0];
          if (reader === undefined) throw new Error('no reader');
          const acknowledged = outcomes.filter((outcome) => E.isRight(outcome.result));
          for (let stream = 0; stream < STREAMS; stream++) {
            const name = `s${stream}`;
            const read = await reader.readStream(name)();
            if (E.isLeft(read)) throw new Error(read.left.message);
            const won = acknowledged.filter((outcome) => outcome.name === name);
            // Each acknowledged append sits at the version it was told, and nothing else is in the stream.
            expect(read.right.events.map((event) => event.eventId).sort()).toEqual(won.map((outcome) => outcome.event.eventId).sort());
            for (const outcome of won) {
              const at = E.isRight(outcome.result) ? outcome.result.right.streamVersion : -1;
              expect(read.right.events[at - 1]?.eventId).toBe(outcome.event.eventId);
            }
            for (const outcome of outcomes.filter((o) => o.name === name && E.isLeft(o.result))) {
              expect(outcome.result).toMatchObject({ _tag: 'Left', left: { type: 'WRONG_EXPECTED_VERSION' } });
              const actual = E.isLeft(outcome.result) && outcome.result.left.type === 'WRONG_EXPECTED_VERSION' ? outcome.result.left.actual : -1;
              expect(actual).toBeGreaterThanOrEqual(1);
              expect(actual).toBeLessThanOrEqual(read.right.streamVersion);
            }
          }
          const all = await reader.readAll({ maxCount: 1000 })();
          if (E.isLeft(all)) throw new Error(all.left.message);
          const positions = all.right.map((event: RecordedEvent) => event.globalPosition);
          expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
          expect(new Set(positions).size).toBe(positions.length);
          expect(all.right.map((event) => event.eventId).sort()).toEqual(acknowledged.map((outcome) => outcome.event.eventId).sort());
          for (const outcome of acknowledged) {
            const recorded = all.right.find((event) => event.eventId === outcome.event.eventId);
            expect(E.isRight(outcome.result) && outcome.result.right.globalPosition).toBe(recorded?.globalPosition);
          }
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      }),
      { numRuns: 40 },
    );
  });
});
