import { randomBytes, randomUUID } from 'node:crypto';
import { EventStoreDBClient, StreamDeletedError, type ResolvedEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from '../../src/adapters/eventstoredb/event-store/index.js';
import { createEventStoreDbPersonalDataKeyStore, ESDB_PENDING_SCRUB } from '../../src/adapters/eventstoredb/personal-data-keys/index.js';
import { keyStreamOf, subjectErasedEvent, subjectStreamOf } from '../../src/adapters/eventstoredb/personal-data-keys/key-stream-events.js';
import { ExpectedVersion } from '../../src/application/ports/event-store.js';
import type { DataKeyRecord } from '../../src/application/ports/personal-data-key-store.js';
import { anEvent } from '../../src/testing/event-store-conformance/index.js';
import { startEventStoreDbGrpcTestServer, type EventStoreDbGrpcTestServer } from '../support/eventstoredb-grpc-test-server/index.js';
import { describePersonalDataKeyStoreBehaviour } from '../personal-data/support/describe-personal-data-key-store-behaviour.js';

/**
 * The EventStoreDB key store through the real @eventstore/db-client, over gRPC, against the EventStoreDB TEST
 * SERVER (test/support/eventstoredb-grpc-test-server: a double, not EventStoreDB): the key store behaviour, and
 * the erasure path with its tombstoned key streams. "At rest" is the test server's log, which keeps a tombstoned
 * stream's events as EventStoreDB's chunk files do until a scavenge (which the test server never runs).
 */
let server: EventStoreDbGrpcTestServer;
beforeAll(async () => {
  server = await startEventStoreDbGrpcTestServer();
});
afterAll(() => server.stop());

const atRest = async () => Buffer.concat(server.records().flatMap((record) => [Buffer.from(record.data), Buffer.from(record.metadata)]));
const prefixed = () => `keys${randomUUID().replaceAll('-', '')}-`;

describePersonalDataKeyStoreBehaviour('EventStoreDB client over gRPC to the EventStoreDB TEST SERVER (double)', async () => {
  const opened = await createEventStoreDbPersonalDataKeyStore({ connectionString: server.connectionString, streamPrefix: prefixed() })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return { store: opened.right, atRest, teardown: () => opened.right.close() };
});

const aKey = (subject: string): DataKeyRecord => ({
  subject,
  keyId: randomBytes(16).toString('base64url'),
  material: randomBytes(60),
  wrapping: 'aes-256-gcm:0123456789abcdef',
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('EventStoreDB erasure over gRPC to the EventStoreDB TEST SERVER (double)', () => {
  let client: EventStoreDBClient;
  beforeAll(() => {
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(() => client.dispose());
  const open = async (prefix: string) => {
    const opened = await createEventStoreDbPersonalDataKeyStore({ client, streamPrefix: prefix })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    return opened.right;
  };
  const material = (key: DataKeyRecord) => Buffer.from(Buffer.from(key.material).toString('base64'));
  const readAllOf = async (stream: string) => {
    const found = [];
    for await (const resolved of client.readAll({ maxCount: 1_000_000 }) as AsyncIterable<ResolvedEvent>) if (resolved.event?.streamId === stream) found.push(resolved.event);
    return found;
  };

  it('tombstones the key stream: the server says "deleted" at once, its event stays in $all and at rest until a scavenge', async () => {
    const prefix = prefixed();
    const store = await open(prefix);
    const key = aKey('user_9');
    await store.createIfAbsent(key)();
    expect(await store.destroy('user_9', '2031-01-01T00:00:00.000Z')()).toEqual(E.right({ outcome: 'key-destroyed', storageScrubbed: false, pendingScrub: ESDB_PENDING_SCRUB }));
    const reading = client.readStream(keyStreamOf(prefix, key.keyId));
    await expect((async () => { for await (const _ of reading) void _; })()).rejects.toBeInstanceOf(StreamDeletedError);
    expect((await readAllOf(keyStreamOf(prefix, key.keyId))).map((event) => event.type)).toEqual(['PersonalDataKeyCreated', '$streamDeleted']);
    expect((await atRest()).includes(material(key))).toBe(true);
    expect(server.liveStreams()).toContain(subjectStreamOf(prefix, 'user_9'));
    expect(server.liveStreams()).not.toContain(keyStreamOf(prefix, key.keyId));
  });

  it('finishes an erasure that stopped between its record and the tombstone: nothing opens meanwhile', async () => {
    const prefix = prefixed();
    const store = await open(prefix);
    const key = aKey('user_8');
    await store.createIfAbsent(key)();
    // The erasure record alone, as after a crash before the tombstone.
    await client.appendToStream(subjectStreamOf(prefix, 'user_8'), subjectErasedEvent('user_8', key.keyId, 'then'), { expectedRevision: 0n });
    expect((await store.byKeyIds([key.keyId])()) as unknown).toEqual(E.right(new Map([[key.keyId, { kind: 'erased', subject: 'user_8', keyId: key.keyId, erasedAt: 'then' }]])));
    expect(server.liveStreams()).toContain(keyStreamOf(prefix, key.keyId));
    expect(await store.destroy('user_8', 'now')()).toMatchObject({ _tag: 'Right', right: { outcome: 'already-erased' } });
    expect(server.liveStreams()).not.toContain(keyStreamOf(prefix, key.keyId));
  });

  it('tombstones the key of a writer that lost the race for a first key (two clients)', async () => {
    const prefix = prefixed();
    const other = EventStoreDBClient.connectionString(server.connectionString);
    const [mine, theirs] = [await open(prefix), E.getOrElseW(() => undefined)(await createEventStoreDbPersonalDataKeyStore({ client: other, streamPrefix: prefix })())];
    if (theirs === undefined) throw new Error('no second store');
    const [a, b] = [aKey('user_7'), aKey('user_7')];
    const [first, second] = await Promise.all([mine.createIfAbsent(a)(), theirs.createIfAbsent(b)()]);
    const winner = E.isRight(first) && first.right.kind === 'active' ? first.right.key.keyId : undefined;
    expect(E.isRight(second) && second.right.kind === 'active' && second.right.key.keyId).toBe(winner);
    const loser = winner === a.keyId ? b : a;
    expect(server.liveStreams()).not.toContain(keyStreamOf(prefix, loser.keyId));
    await other.dispose();
  });

  it('the event store sharing the database reads none of the key streams nor their tombstones from $all', async () => {
    const keyPrefix = prefixed();
    const keys = await open(keyPrefix);
    const opened = await createEventStoreDbEventStore({ connectionString: server.connectionString, streamPrefix: '', hiddenStreamPrefixes: [keyPrefix] })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const events = opened.right;
    const key = aKey('user_6');
    await keys.createIfAbsent(key)();
    const mine = anEvent({ about: 'user_6' });
    await events.appendToStream(`UserKyc-${randomUUID()}`, ExpectedVersion.noStream, [mine])();
    await keys.destroy('user_6', '2031-01-01T00:00:00.000Z')();
    // The tombstone is a `$streamDeleted` record in the key stream itself: hidden twice over.
    const all = await events.readAll({ maxCount: 1_000_000 })();
    if (E.isLeft(all)) throw new Error(all.left.message);
    expect(all.right.some((event) => event.streamName.startsWith(keyPrefix) || event.type.startsWith('$'))).toBe(false);
    expect(all.right.map((event) => event.eventId)).toContain(mine.eventId);
    expect(JSON.stringify(all.right, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).not.toContain(Buffer.from(key.material).toString('base64'));
    await events.close();
  });
});
