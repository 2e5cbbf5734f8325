import { randomBytes, randomUUID } from 'node:crypto';
import { jsonEvent, type AllStreamRecordedEvent, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { isStoreEvent } from '../../src/adapters/eventstoredb/event-store/eventstoredb-event-store.js';
import { createEventStoreDbPersonalDataKeyStore, DEFAULT_KEY_STREAM_PREFIX, ESDB_PENDING_SCRUB } from '../../src/adapters/eventstoredb/personal-data-keys/index.js';
import {
  eventIdOf,
  keyAssignedEvent,
  keyCreatedEvent,
  keyRecordOf,
  keyStreamOf,
  subjectErasedEvent,
  subjectKeyStateOf,
  subjectStreamOf,
} from '../../src/adapters/eventstoredb/personal-data-keys/key-stream-events.js';
import type { DataKeyRecord } from '../../src/application/ports/personal-data-key-store.js';
import { eventStoreDbStandIn } from '../support/eventstoredb-stand-in.js';
import { describePersonalDataKeyStoreBehaviour } from '../personal-data/support/describe-personal-data-key-store-behaviour.js';

/**
 * The EventStoreDB key store without a server: its mapping to events, and its behaviour over a stand-in of
 * the client written from the client's documented behaviour (test/support/eventstoredb-stand-in.ts). Against
 * a real server it runs only when EVENTSTOREDB_URL is set.
 */
const PREFIX = DEFAULT_KEY_STREAM_PREFIX;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const aKey = (subject = 'user_1'): DataKeyRecord => ({
  subject,
  keyId: randomBytes(16).toString('base64url'),
  material: randomBytes(60),
  wrapping: 'aes-256-gcm:0123456789abcdef',
  createdAt: '2025-01-01T00:00:00.000Z',
});

/** What the server hands back for a written event. */
const recorded = (streamId: string, revision: bigint, written: ReturnType<typeof keyCreatedEvent>): EsdbRecordedEvent =>
  ({ streamId, id: written.id, isJson: true, revision, type: written.type, created: new Date(0), data: written.data, metadata: undefined }) as EsdbRecordedEvent;

describe('EventStoreDB personal data keys: mapping', () => {
  it('names a stream per key and one per subject under the prefix, apart from the aggregates', () => {
    expect(keyStreamOf(PREFIX, 'abc')).toBe('kyc-personal-data-key-abc');
    expect(subjectStreamOf(PREFIX, 'user_1')).toBe('kyc-personal-data-subject-user_1');
    for (const aggregate of ['KycDocument-1', 'IdvSession-1', 'UserKyc-1']) expect(aggregate.startsWith(PREFIX)).toBe(false);
  });

  it('derives UUID event ids from the content: a retry repeats its id, a rival write does not', () => {
    expect(eventIdOf('a', 'b')).toMatch(UUID);
    expect(eventIdOf('a', 'b')).toBe(eventIdOf('a', 'b'));
    expect(eventIdOf('a', 'b')).not.toBe(eventIdOf('a', 'c'));
    expect(keyAssignedEvent('u', 'k1', 't').id).not.toBe(keyAssignedEvent('u', 'k2', 't').id);
    expect(keyAssignedEvent('u', 'k1', 't').id).toBe(keyAssignedEvent('u', 'k1', 't').id);
  });

  it('writes the key as JSON with its material in base64 and reads exactly the same record back', () => {
    const key = aKey();
    const written = keyCreatedEvent(key);
    expect(written).toMatchObject({ contentType: 'application/json', type: 'PersonalDataKeyCreated' });
    expect((written.data as { material: string }).material).toBe(Buffer.from(key.material).toString('base64'));
    const back = keyRecordOf(recorded(keyStreamOf(PREFIX, key.keyId), 0n, written), key.keyId);
    expect(E.isRight(back) && { ...back.right, material: Buffer.from(back.right.material) }).toEqual({ ...key, material: Buffer.from(key.material) });
  });

  it('refuses a key event that names another key, or is not one of its events, without quoting it', () => {
    const key = aKey();
    const stream = keyStreamOf(PREFIX, key.keyId);
    expect(keyRecordOf(recorded(stream, 0n, keyCreatedEvent(key)), 'other')).toEqual(E.left({ stream, revision: 0n }));
    const foreign = jsonEvent({ type: 'Something', data: { material: 'x' } });
    expect(E.isLeft(keyRecordOf(recorded(stream, 0n, foreign as never), key.keyId))).toBe(true);
  });

  it('folds a subject stream: absent, assigned to its first key, erased with the key it had', () => {
    const stream = subjectStreamOf(PREFIX, 'u');
    expect(subjectKeyStateOf('u', [])).toEqual(E.right({ kind: 'absent' }));
    const assigned = recorded(stream, 0n, keyAssignedEvent('u', 'k1', 't'));
    expect(subjectKeyStateOf('u', [assigned])).toEqual(E.right({ kind: 'assigned', keyId: 'k1', revision: 0n }));
    const erased = recorded(stream, 1n, subjectErasedEvent('u', 'k1', '2031-01-01T00:00:00.000Z'));
    expect(subjectKeyStateOf('u', [assigned, erased])).toEqual(E.right({ kind: 'erased', keyId: 'k1', erasedAt: '2031-01-01T00:00:00.000Z' }));
    const tombstoneOnly = recorded(stream, 0n, subjectErasedEvent('u', undefined, 'x'));
    expect(subjectKeyStateOf('u', [tombstoneOnly])).toEqual(E.right({ kind: 'erased', keyId: undefined, erasedAt: 'x' }));
    // Another subject's record in this stream is damage, not data.
    expect(E.isLeft(subjectKeyStateOf('v', [assigned]))).toBe(true);
  });

  it('the event store reads none of the key streams from $all (a tombstoned stream stays in $all until a scavenge)', () => {
    const event = (streamId: string) => ({ streamId, type: 'T' }) as AllStreamRecordedEvent;
    expect(isStoreEvent(event('UserKyc-1'), '', [PREFIX])).toBe(true);
    expect(isStoreEvent(event(keyStreamOf(PREFIX, 'k')), '', [PREFIX])).toBe(false);
    expect(isStoreEvent(event(subjectStreamOf(PREFIX, 'u')), '', [PREFIX])).toBe(false);
    expect(isStoreEvent(event('$stats'), '', [PREFIX])).toBe(false);
    expect(isStoreEvent(event('other_UserKyc-1'), 'mine_', [PREFIX])).toBe(false);
  });
});

describePersonalDataKeyStoreBehaviour('EventStoreDB (client stand-in)', async () => {
  const standIn = eventStoreDbStandIn();
  const opened = await createEventStoreDbPersonalDataKeyStore({ client: standIn.client })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return { store: opened.right, atRest: async () => Buffer.from(standIn.log().map((e) => e.json).join('\n')), teardown: () => opened.right.close() };
});

describe('EventStoreDB personal data keys over the client stand-in', () => {
  const open = async () => {
    const standIn = eventStoreDbStandIn();
    const opened = await createEventStoreDbPersonalDataKeyStore({ client: standIn.client })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    return { standIn, store: opened.right };
  };
  const materialIn = (log: ReadonlyArray<{ readonly json: string }>, key: DataKeyRecord): boolean =>
    log.some((event) => event.json.includes(Buffer.from(key.material).toString('base64')));

  it('tombstones the key stream on erasure and says the bytes stay until a scavenge', async () => {
    const { standIn, store } = await open();
    const key = aKey('user_9');
    await store.createIfAbsent(key)();
    expect(standIn.streams()).toEqual([keyStreamOf(PREFIX, key.keyId), subjectStreamOf(PREFIX, 'user_9')]);
    const destroyed = await store.destroy('user_9', '2031-01-01T00:00:00.000Z')();
    expect(destroyed).toEqual(E.right({ outcome: 'key-destroyed', storageScrubbed: false, pendingScrub: ESDB_PENDING_SCRUB }));
    // Reads answer "deleted" at once; the log keeps the event until a scavenge removes it.
    expect(standIn.streams()).toEqual([subjectStreamOf(PREFIX, 'user_9')]);
    expect(materialIn(standIn.log(), key)).toBe(true);
    standIn.scavenge();
    expect(materialIn(standIn.log(), key)).toBe(false);
    // What stays names the subject, the key id and the date: no secret.
    expect(standIn.log().map((e) => e.type)).toEqual(['PersonalDataKeyAssigned', 'PersonalDataSubjectErased']);
  });

  it('finishes an erasure that stopped between its record and the tombstone: nothing opens meanwhile', async () => {
    const { standIn, store } = await open();
    const key = aKey('user_8');
    await store.createIfAbsent(key)();
    // The erasure record alone, as after a crash before the tombstone.
    await standIn.client.appendToStream(subjectStreamOf(PREFIX, 'user_8'), subjectErasedEvent('user_8', key.keyId, 'then'), { expectedRevision: 0n });
    expect((await store.byKeyIds([key.keyId])()) as unknown).toEqual(E.right(new Map([[key.keyId, { kind: 'erased', subject: 'user_8', keyId: key.keyId, erasedAt: 'then' }]])));
    expect(standIn.streams()).toContain(keyStreamOf(PREFIX, key.keyId));
    expect(await store.destroy('user_8', 'now')()).toMatchObject({ _tag: 'Right', right: { outcome: 'already-erased' } });
    expect(standIn.streams()).not.toContain(keyStreamOf(PREFIX, key.keyId));
  });

  it('tombstones the key of a writer that lost the race for a first key', async () => {
    const { standIn, store } = await open();
    const [a, b] = [aKey('user_7'), aKey('user_7')];
    const [first, second] = await Promise.all([store.createIfAbsent(a)(), store.createIfAbsent(b)()]);
    const winner = E.isRight(first) && first.right.kind === 'active' ? first.right.key.keyId : undefined;
    expect(E.isRight(second) && second.right.kind === 'active' && second.right.key.keyId).toBe(winner);
    const loser = winner === a.keyId ? b : a;
    expect(standIn.streams()).not.toContain(keyStreamOf(PREFIX, loser.keyId));
  });

  it('reports a stream it did not write as damage, and an unavailable server as PERSONAL_DATA_KEYS_UNAVAILABLE', async () => {
    const { standIn, store } = await open();
    await standIn.client.appendToStream(subjectStreamOf(PREFIX, 'user_6'), jsonEvent({ type: 'Hand-written', data: { secret: 'x' } }));
    const damaged = await store.bySubject('user_6')();
    expect(damaged).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE' } });
    expect(E.isLeft(damaged) && damaged.left.message).not.toContain('secret');
    standIn.failNext(1);
    expect(await store.bySubject('user_5')()).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE', cause: { code: 'UNAVAILABLE' } } });
  });

  it('an unreachable server gives PERSONAL_DATA_KEYS_UNAVAILABLE values, never a rejection', async () => {
    const opened = await createEventStoreDbPersonalDataKeyStore({ connectionString: 'esdb://127.0.0.1:1?tls=false&defaultDeadline=2000' })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    expect(await opened.right.bySubject('u')()).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE' } });
    expect(await opened.right.destroy('u', 'now')()).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE' } });
    await opened.right.close();
  }, 30_000);
});

const url = process.env['EVENTSTOREDB_URL'];
if (url === undefined || url === '') {
  const NOT_RUN = 'EventStoreDB key store against a server NOT RUN: EVENTSTOREDB_URL is not set';
  console.warn(`\n*** ${NOT_RUN} ***\n`);
  describe.skip(NOT_RUN, () => {
    it.skip('runs the key store behaviour against an EventStoreDB server', () => undefined);
  });
} else {
  // Each check gets its own stream prefix, so it sees only its own streams.
  describePersonalDataKeyStoreBehaviour('EventStoreDB server', async () => {
    const opened = await createEventStoreDbPersonalDataKeyStore({ connectionString: url, streamPrefix: `keys${randomUUID().replaceAll('-', '')}-` })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    return { store: opened.right, teardown: () => opened.right.close() };
  });
}
