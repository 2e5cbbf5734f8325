import { jsonEvent, type EventData, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { DataKeyRecord } from '../../../application/ports/personal-data-key-store.js';
import { idDigest, uuidOfDigest } from '../../../domain/shared/id-digest.js';

/**
 * How the users' data keys sit in EventStoreDB, apart from the events: two streams per subject.
 *
 * - `<prefix>key-<keyId>` holds the key itself, one `PersonalDataKeyCreated` event. Erasure tombstones
 *   (hard-deletes) this stream: it never reads or takes a write again, and its event goes at the next scavenge.
 * - `<prefix>subject-<subject>` holds no secret: which key the subject has (`PersonalDataKeyAssigned`, written
 *   with "no stream" so that two writers racing for a first key agree on one) and, after erasure, the
 *   tombstone that refuses any new key (`PersonalDataSubjectErased`). It is what the key store trusts first.
 *
 * The default prefix keeps these streams apart from the aggregates' (`KycDocument-…`, `IdvSession-…`,
 * `UserKyc-…`); the event store is told to hide it from $all reads (see the composition root).
 */
export const DEFAULT_KEY_STREAM_PREFIX = 'kyc-personal-data-';

export const keyStreamOf = (prefix: string, keyId: string): string => `${prefix}key-${keyId}`;
export const subjectStreamOf = (prefix: string, subject: string): string => `${prefix}subject-${subject}`;

export const KEY_CREATED = 'PersonalDataKeyCreated';
export const KEY_ASSIGNED = 'PersonalDataKeyAssigned';
export const SUBJECT_ERASED = 'PersonalDataSubjectErased';

/**
 * EventStoreDB wants a UUID per event. Derived from the stream and the event's content, so that a retry of
 * the same write is the server's idempotent replay, while a rival writer's different content is a conflict
 * (the server takes a same-id write at the same position as a replay without comparing content).
 */
export const eventIdOf = (...parts: ReadonlyArray<string>): string => uuidOfDigest(idDigest(...parts), '4');

const KeyCreated = t.type({ subject: t.string, keyId: t.string, material: t.string, wrapping: t.string, createdAt: t.string }, KEY_CREATED);
const KeyAssigned = t.type({ subject: t.string, keyId: t.string, createdAt: t.string }, KEY_ASSIGNED);
const SubjectErased = t.type({ subject: t.string, keyId: t.union([t.string, t.null]), erasedAt: t.string }, SUBJECT_ERASED);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The key's own stream event: the material as base64 (as stored: wrapped by the master key when there is one). */
export const keyCreatedEvent = (key: DataKeyRecord): EventData =>
  jsonEvent({
    id: eventIdOf(KEY_CREATED, key.subject, key.keyId),
    type: KEY_CREATED,
    data: { subject: key.subject, keyId: key.keyId, material: Buffer.from(key.material).toString('base64'), wrapping: key.wrapping, createdAt: key.createdAt },
  });

export const keyAssignedEvent = (subject: string, keyId: string, createdAt: string): EventData =>
  jsonEvent({ id: eventIdOf(KEY_ASSIGNED, subject, keyId), type: KEY_ASSIGNED, data: { subject, keyId, createdAt } });

export const subjectErasedEvent = (subject: string, keyId: string | undefined, erasedAt: string): EventData =>
  // erasedAt is part of the id: two rival erasures at the same revision are a conflict, not a replay of one another.
  jsonEvent({ id: eventIdOf(SUBJECT_ERASED, subject, keyId ?? '', erasedAt), type: SUBJECT_ERASED, data: { subject, keyId: keyId ?? null, erasedAt } });

/** What the key store found in a stream that is not one of its own events, named without quoting it. */
export interface KeyStreamDamaged {
  readonly stream: string;
  readonly revision: bigint;
}

const damaged = (event: EsdbRecordedEvent): E.Either<KeyStreamDamaged, never> => E.left({ stream: event.streamId, revision: event.revision });

/** The key record of a `<prefix>key-<keyId>` stream's event, checked to be the key that stream is named for. */
export const keyRecordOf = (event: EsdbRecordedEvent, keyId: string): E.Either<KeyStreamDamaged, DataKeyRecord> => {
  if (event.type !== KEY_CREATED || !event.isJson) return damaged(event);
  const decoded = KeyCreated.decode(event.data);
  if (E.isLeft(decoded) || decoded.right.keyId !== keyId || !BASE64.test(decoded.right.material)) return damaged(event);
  const { subject, material, wrapping, createdAt } = decoded.right;
  return E.right({ subject, keyId, material: Buffer.from(material, 'base64'), wrapping, createdAt });
};

/** A subject as their `<prefix>subject-<subject>` stream tells it. */
export type SubjectKeyState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'assigned'; readonly keyId: string; readonly revision: bigint }
  | { readonly kind: 'erased'; readonly keyId: string | undefined; readonly erasedAt: string };

/**
 * Folds a subject stream: the first assignment is the subject's key (a later one cannot be written: the
 * assignment needs "no stream"); an erasure record wins over everything before it.
 */
export const subjectKeyStateOf = (subject: string, events: ReadonlyArray<EsdbRecordedEvent>): E.Either<KeyStreamDamaged, SubjectKeyState> => {
  let state: SubjectKeyState = { kind: 'absent' };
  for (const event of events) {
    if (!event.isJson) return damaged(event);
    if (event.type === KEY_ASSIGNED) {
      const decoded = KeyAssigned.decode(event.data);
      if (E.isLeft(decoded) || decoded.right.subject !== subject) return damaged(event);
      if (state.kind === 'absent') state = { kind: 'assigned', keyId: decoded.right.keyId, revision: event.revision };
    } else if (event.type === SUBJECT_ERASED) {
      const decoded = SubjectErased.decode(event.data);
      if (E.isLeft(decoded) || decoded.right.subject !== subject) return damaged(event);
      const keyId: string | undefined = decoded.right.keyId ?? (state.kind === 'absent' ? undefined : state.keyId);
      state = { kind: 'erased', keyId, erasedAt: decoded.right.erasedAt };
    } else {
      return damaged(event);
    }
  }
  return E.right(state);
};
