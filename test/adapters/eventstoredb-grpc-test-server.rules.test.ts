import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_STREAM_REVISION, startEventStoreDbGrpcTestServer, type EventStoreDbGrpcTestServer } from '../support/eventstoredb-grpc-test-server/index.js';

/**
 * The rules of the EventStoreDB TEST SERVER (a double, not EventStoreDB), driven by the real @eventstore/db-client
 * over gRPC: what the adapters' suites rely on it to do as EventStoreDB does.
 */
const collect = async (reads: AsyncIterable<ResolvedEvent>) => {
  const events = [];
  for await (const resolved of reads) if (resolved.event !== undefined) events.push(resolved.event);
  return events;
};
const failure = async (work: Promise<unknown>): Promise<unknown> => work.then(() => undefined, (error: unknown) => error);
const event = (n: number, id = randomUUID()) => jsonEvent({ id, type: 'Counted', data: { n } });

for (const serverFeatures of ['supported-methods', 'unimplemented'] as const) {
  describe(`EventStoreDB TEST SERVER rules (double; ServerFeatures ${serverFeatures}, so appends by ${serverFeatures === 'unimplemented' ? 'Append' : 'BatchAppend'})`, () => {
    let server: EventStoreDbGrpcTestServer;
    let client: EventStoreDBClient;
    beforeAll(async () => {
      server = await startEventStoreDbGrpcTestServer({ serverFeatures });
      client = EventStoreDBClient.connectionString(server.connectionString);
    });
    afterAll(async () => {
      await client.dispose();
      await server.stop();
    });
    const stream = () => `rules-${randomUUID()}`;

    it('counts revisions from 0 and answers the last one written with its position', async () => {
      const name = stream();
      const first = await client.appendToStream(name, [event(0), event(1)], { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(1n);
      const read = await collect(client.readStream(name));
      expect(read.map((e) => e.revision)).toEqual([0n, 1n]);
      expect(read[1]?.position).toEqual(first.position);
    });

    it('checks each kind of expected revision, and a refusal carries the actual revision', async () => {
      const name = stream();
      expect(await failure(client.appendToStream(name, event(0), { expectedRevision: 'stream_exists' }))).toMatchObject({ actualVersion: 'no_stream' });
      expect(await failure(client.appendToStream(name, event(0), { expectedRevision: 0n }))).toBeInstanceOf(WrongExpectedVersionError);
      await client.appendToStream(name, event(0), { expectedRevision: 'no_stream' });
      await client.appendToStream(name, event(1), { expectedRevision: 'stream_exists' });
      await client.appendToStream(name, event(2), { expectedRevision: 1n });
      await client.appendToStream(name, event(3), { expectedRevision: 'any' });
      const refusals = await Promise.all([
        failure(client.appendToStream(name, event(9), { expectedRevision: 'no_stream' })),
        failure(client.appendToStream(name, event(9), { expectedRevision: 1n })),
        failure(client.appendToStream(name, event(9), { expectedRevision: 7n })),
      ]);
      for (const refusal of refusals) expect(refusal).toMatchObject({ actualVersion: 3n });
    });

    it('takes the same ids at the same revisions as a retry that writes nothing, and other ids there as a conflict', async () => {
      const name = stream();
      const batch = [event(0), event(1)];
      const first = await client.appendToStream(name, batch, { expectedRevision: 'no_stream' });
      await client.appendToStream(name, event(2), { expectedRevision: 1n });
      const again = await client.appendToStream(name, batch, { expectedRevision: 'no_stream' });
      expect(again).toMatchObject({ nextExpectedRevision: 1n, position: first.position });
      expect(await client.appendToStream(name, batch, { expectedRevision: 'any' })).toMatchObject({ nextExpectedRevision: 1n });
      expect(await failure(client.appendToStream(name, [event(0), event(1)], { expectedRevision: 'no_stream' }))).toMatchObject({ actualVersion: 2n });
      expect((await collect(client.readStream(name))).length).toBe(3);
    });

    it('gives $all positions that increase, commit and prepare, and reads $all both ways from a position', async () => {
      const names = [stream(), stream()];
      for (let n = 0; n < 6; n++) await client.appendToStream(names[n % 2] ?? '', event(n));
      const all = await collect(client.readAll({ fromPosition: START, maxCount: 1_000_000 }));
      const positions = all.map((e) => e.position ?? { commit: -1n, prepare: -1n });
      for (const [i, position] of positions.entries()) {
        const before = positions[i - 1];
        if (before !== undefined) expect(position.commit > before.commit || (position.commit === before.commit && position.prepare > before.prepare)).toBe(true);
      }
      const ours = all.filter((e) => names.includes(e.streamId));
      const middle = ours[3];
      if (middle === undefined) throw new Error('events missing');
      // Forwards includes the event at the position; backwards returns the events before it.
      expect((await collect(client.readAll({ fromPosition: middle.position, maxCount: 1 })))[0]?.id).toBe(middle.id);
      expect((await collect(client.readAll({ fromPosition: middle.position, direction: BACKWARDS, maxCount: 1 })))[0]?.id).toBe(all[all.indexOf(middle) - 1]?.id);
      expect((await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })))[0]?.id).toBe(all[all.length - 1]?.id);
      expect(await collect(client.readAll({ fromPosition: END, maxCount: 5 }))).toEqual([]);
    });

    it('reads a stream forwards and backwards, from a revision or its end, within the count', async () => {
      const name = stream();
      await client.appendToStream(name, [0, 1, 2, 3, 4].map((n) => event(n)));
      const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) => (await collect(client.readStream(name, options))).map((e) => e.revision);
      expect(await revisions({ fromRevision: 2n, maxCount: 2 })).toEqual([2n, 3n]);
      expect(await revisions({ fromRevision: END, direction: BACKWARDS, maxCount: 2 })).toEqual([4n, 3n]);
      expect(await revisions({ fromRevision: 1n, direction: BACKWARDS })).toEqual([1n, 0n]);
      expect(await revisions({ fromRevision: 9n, direction: BACKWARDS, maxCount: 1 })).toEqual([4n]);
      expect(await revisions({ fromRevision: 9n, direction: FORWARDS })).toEqual([]);
      expect(await failure(collect(client.readStream(stream())))).toBeInstanceOf(StreamNotFoundError);
    });

    it('tombstones a stream for good: reads and writes say deleted, its events stay in $all with a tombstone record', async () => {
      const name = stream();
      const written = event(0);
      await client.appendToStream(name, written);
      await client.tombstoneStream(name);
      expect(await failure(collect(client.readStream(name)))).toBeInstanceOf(StreamDeletedError);
      expect(await failure(client.appendToStream(name, event(1)))).toBeInstanceOf(StreamDeletedError);
      expect(await failure(client.appendToStream(name, event(1), { expectedRevision: 'no_stream' }))).toBeInstanceOf(StreamDeletedError);
      expect(await failure(client.tombstoneStream(name))).toBeInstanceOf(StreamDeletedError);
      const inAll = (await collect(client.readAll({ maxCount: 1_000_000 }))).filter((e) => e.streamId === name);
      expect(inAll.map((e) => [e.id, e.type, e.revision])).toEqual([
        [written.id, 'Counted', 0n],
        [expect.any(String), '$streamDeleted', DELETED_STREAM_REVISION],
      ]);
      expect(server.liveStreams()).not.toContain(name);
    });

    it('soft-deletes a stream: it reads as missing, and a new write continues its revisions', async () => {
      const name = stream();
      await client.appendToStream(name, [event(0), event(1)]);
      await client.deleteStream(name);
      expect(await failure(collect(client.readStream(name)))).toBeInstanceOf(StreamNotFoundError);
      await client.appendToStream(name, event(2), { expectedRevision: 'no_stream' });
      expect((await collect(client.readStream(name))).map((e) => e.revision)).toEqual([2n]);
    });

    it('holds system events in $all: a new database’s users and settings, and statistics between client writes', async () => {
      for (let n = 0; n < 6; n++) await client.appendToStream(stream(), event(n));
      const all = await collect(client.readAll({ maxCount: 1_000_000 }));
      const system = all.filter((e) => e.streamId.startsWith('$'));
      expect(system.map((e) => e.streamId)).toEqual(expect.arrayContaining(['$user-admin', '$users', '$settings']));
      // Statistics land between client events, not only at the end.
      const firstStats = all.findIndex((e) => e.type === '$statsCollected');
      expect(firstStats).toBeGreaterThan(0);
      expect(all.slice(firstStats).some((e) => !e.streamId.startsWith('$'))).toBe(true);
    });

    it('refuses an append larger than MaxAppendSize (1 MiB by default)', async () => {
      const error = await failure(client.appendToStream(stream(), jsonEvent({ type: 'Big', data: { blob: 'x'.repeat(1024 * 1024) } })));
      expect(error).toMatchObject({ type: 'maximum-append-size-exceeded', maxAppendSize: 1024 * 1024 });
    });
  });
}
