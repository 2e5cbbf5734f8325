import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from '../../src/adapters/eventstoredb/event-store/index.js';
import { fromRecordedEvent, toEventData } from '../../src/adapters/eventstoredb/event-store/eventstoredb-events.js';
import { toExpectedRevision, versionOfRevision } from '../../src/adapters/eventstoredb/event-store/eventstoredb-expected-revision.js';
import { decodePosition, encodePosition } from '../../src/adapters/eventstoredb/event-store/eventstoredb-positions.js';
import { ExpectedVersion } from '../../src/application/ports/event-store.js';
import { anEvent } from '../../src/testing/event-store-conformance/index.js';

/** What can be checked of the EventStoreDB adapter without a server (the conformance suite needs EVENTSTOREDB_URL). */
describe('EventStoreDB adapter without a server', () => {
  it('maps expected versions to revisions: version N is revision N-1', () => {
    expect(toExpectedRevision(ExpectedVersion.any)).toBe(ANY);
    expect(toExpectedRevision(ExpectedVersion.noStream)).toBe(NO_STREAM);
    expect(toExpectedRevision(ExpectedVersion.streamExists)).toBe(STREAM_EXISTS);
    expect(toExpectedRevision(ExpectedVersion.exact(1))).toBe(0n);
    expect(toExpectedRevision(ExpectedVersion.exact(42))).toBe(41n);
    expect(toExpectedRevision({ kind: 'exact', version: 0 })).toBe(NO_STREAM);
    expect(versionOfRevision(NO_STREAM)).toBe(0);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
  });

  it('packs an $all position into one bigint that keeps its order and comes back exactly', () => {
    const position = fc.record({ commit: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), prepare: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }) });
    fc.assert(
      fc.property(position, position, (a, b) => {
        expect(decodePosition(encodePosition(a))).toEqual(a);
        const byPair = a.commit === b.commit ? Math.sign(Number(a.prepare - b.prepare)) : Math.sign(Number(a.commit - b.commit));
        const byEncoding = Math.sign(Number(encodePosition(a) - encodePosition(b)));
        expect(byEncoding).toBe(byPair);
      }),
    );
  });

  it('writes JSON events with the id, and reads schema version and metadata back from the envelope', () => {
    const event = anEvent({ a: 'x\u0000y' }, 'Typed');
    const written = toEventData({ ...event, schemaVersion: 3 });
    expect(written).toMatchObject({ id: event.eventId, type: 'Typed', contentType: 'application/json', data: event.data });
    const recorded = fromRecordedEvent(
      { streamId: 'p_s', id: event.eventId, isJson: true, revision: 4n, type: 'Typed', created: new Date(0), data: event.data, metadata: written.metadata },
      's',
      7n,
    );
    expect(recorded).toEqual({ ...event, schemaVersion: 3, streamName: 's', streamVersion: 5, globalPosition: 7n });
  });

  it('an unreachable server gives EVENT_STORE_UNAVAILABLE values, never a rejection', async () => {
    const opened = await createEventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false&defaultDeadline=2000' })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const store = opened.right;
    expect(await store.appendToStream('s', ExpectedVersion.any, [anEvent()])()).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
    expect(await store.readStream('s')()).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
    expect(await store.readAll()()).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
    await store.close();
    expect(await store.readAll()()).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
  }, 30_000);
});
