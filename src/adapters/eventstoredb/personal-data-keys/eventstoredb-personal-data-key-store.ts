import {
  ANY,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventData,
  type ResolvedEvent,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import {
  personalDataKeysUnavailable,
  type DataKeyLookup,
  type DataKeyRecord,
  type KeyDestruction,
  type PersonalDataKeyStore,
  type PersonalDataKeysUnavailable,
} from '../../../application/ports/personal-data-key-store.js';
import { describeCause, safeCause } from '../../shared/event-store/index.js';
import {
  DEFAULT_KEY_STREAM_PREFIX,
  keyAssignedEvent,
  keyCreatedEvent,
  keyRecordOf,
  keyStreamOf,
  subjectErasedEvent,
  subjectKeyStateOf,
  subjectStreamOf,
  type KeyStreamDamaged,
  type SubjectKeyState,
} from './key-stream-events.js';

/** The part of the EventStoreDB client this store uses (a test can hand in a stand-in with the same behaviour). */
export type EventStoreDbKeyClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'tombstoneStream' | 'dispose'>;

export type EventStoreDbPersonalDataKeyStoreOptions = {
  /** Prepended to the key and subject stream names; default `kyc-personal-data-`. */
  readonly streamPrefix?: string;
} & (
  | { /** e.g. `esdb://localhost:2113?tls=false`: the events' database. */ readonly connectionString: string }
  /** A client to share; it is left open on close. */
  | { readonly client: EventStoreDbKeyClient }
);

/**
 * What is left after a key stream is tombstoned: EventStoreDB answers "deleted" for it at once, but keeps its
 * event in the chunk files (and readable through $all) until a scavenge runs over a completed chunk.
 */
export const ESDB_PENDING_SCRUB =
  "EventStoreDB keeps a tombstoned stream's events in its chunk files until a scavenge runs over a completed chunk: " +
  'start one (admin: POST /admin/scavenge) once the current chunk is complete; the key is wrapped by the master key meanwhile';

const MAX_ATTEMPTS = 5;

/**
 * The client reports failures by throwing; a stream this store cannot read joins them as an exception, so that
 * the one catch at the port boundary (`run`) turns both into PERSONAL_DATA_KEYS_UNAVAILABLE values.
 */
class KeyStoreDamagedError extends Error {
  constructor(readonly where: KeyStreamDamaged) {
    super(`stream ${where.stream} holds an event the key store did not write (revision ${where.revision})`);
    this.name = 'KeyStoreDamagedError';
  }
}

const orDamaged = <A>(result: E.Either<KeyStreamDamaged, A>): A => {
  if (E.isLeft(result)) throw new KeyStoreDamagedError(result.left);
  return result.right;
};

const unavailable = (operation: string, error: unknown): PersonalDataKeysUnavailable =>
  error instanceof KeyStoreDamagedError
    ? personalDataKeysUnavailable(`EventStoreDB personal data key ${operation} failed: ${error.message}`, safeCause(error))
    : personalDataKeysUnavailable(`EventStoreDB personal data key ${operation} failed (${describeCause(error)})`, safeCause(error));

/**
 * Personal data keys in EventStoreDB, next to the events but in streams of their own (see key-stream-events.ts):
 * a stream per key, tombstoned on erasure, and a stream per subject that records the assignment and the erasure.
 * Destroying a key is two small writes that leave the events untouched. EventStoreDB has no in-place delete:
 * the tombstoned event stays on disk until a scavenge, so `destroy` reports the storage as not yet scrubbed.
 */
export const createEventStoreDbPersonalDataKeyStore = (
  options: EventStoreDbPersonalDataKeyStoreOptions,
): TaskEither<PersonalDataKeysUnavailable, PersonalDataKeyStore> => async () => {
  const prefix = options.streamPrefix ?? DEFAULT_KEY_STREAM_PREFIX;
  if ('client' in options) return E.right(eventStoreDbPersonalDataKeyStore(options.client, prefix, false));
  try {
    return E.right(eventStoreDbPersonalDataKeyStore(EventStoreDBClient.connectionString(options.connectionString), prefix, true));
  } catch (error) {
    return E.left(unavailable('client creation', error));
  }
};

type StreamRead = { readonly kind: 'events'; readonly events: ReadonlyArray<EsdbRecordedEvent> } | { readonly kind: 'deleted' };

const eventStoreDbPersonalDataKeyStore = (client: EventStoreDbKeyClient, prefix: string, owned: boolean): PersonalDataKeyStore => {
  let closed = false;

  const run = <A>(operation: string, work: () => Promise<A>): TaskEither<PersonalDataKeysUnavailable, A> => async () => {
    if (closed) return E.left(personalDataKeysUnavailable('The EventStoreDB personal data key store is closed'));
    try {
      return E.right(await work());
    } catch (error) {
      return E.left(closed ? personalDataKeysUnavailable('The EventStoreDB personal data key store is closed') : unavailable(operation, error));
    }
  };

  /** A whole stream: none when it was never written, `deleted` once tombstoned. */
  const readWhole = async (stream: string): Promise<StreamRead> => {
    const events: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(stream, { fromRevision: START, direction: FORWARDS })) {
        const event = (resolved as ResolvedEvent).event;
        if (event !== undefined) events.push(event as EsdbRecordedEvent);
      }
    } catch (error) {
      if (error instanceof StreamDeletedError) return { kind: 'deleted' };
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { kind: 'events', events };
  };

  const subjectState = async (subject: string): Promise<SubjectKeyState> => {
    const read = await readWhole(subjectStreamOf(prefix, subject));
    // The subject stream is never deleted by this store; a deleted one was deleted by hand.
    if (read.kind === 'deleted') throw new KeyStoreDamagedError({ stream: subjectStreamOf(prefix, subject), revision: -1n });
    return orDamaged(subjectKeyStateOf(subject, read.events));
  };

  /** The key a key stream holds, or whether it was tombstoned or never written. */
  const keyRecord = async (
    keyId: string,
  ): Promise<{ readonly kind: 'found'; readonly key: DataKeyRecord } | { readonly kind: 'deleted' } | { readonly kind: 'absent' }> => {
    const read = await readWhole(keyStreamOf(prefix, keyId));
    if (read.kind === 'deleted') return read;
    const [first] = read.events;
    return first === undefined ? { kind: 'absent' } : { kind: 'found', key: orDamaged(keyRecordOf(first, keyId)) };
  };

  const erasedLookup = (subject: string, state: Extract<SubjectKeyState, { kind: 'erased' }>): DataKeyLookup => ({
    kind: 'erased',
    subject,
    keyId: state.keyId,
    erasedAt: state.erasedAt,
  });

  const bySubject = async (subject: string): Promise<DataKeyLookup> => {
    const state = await subjectState(subject);
    if (state.kind === 'absent') return state;
    if (state.kind === 'erased') return erasedLookup(subject, state);
    const key = await keyRecord(state.keyId);
    // Assigned keys are only tombstoned after the subject's erasure is recorded: this stream was changed by hand.
    if (key.kind !== 'found' || key.key.subject !== subject) {
      throw new KeyStoreDamagedError({ stream: subjectStreamOf(prefix, subject), revision: state.revision });
    }
    return { kind: 'active', key: key.key };
  };

  /** The subject's stream is the truth: a key whose subject was erased (even if its tombstone is still due) opens nothing. */
  const byKeyId = async (keyId: string): Promise<DataKeyLookup> => {
    const key = await keyRecord(keyId);
    // A tombstoned key stream no longer says whose key it was; the vault needs only to know it is gone.
    if (key.kind === 'deleted') return { kind: 'erased', subject: '', keyId, erasedAt: '' };
    if (key.kind === 'absent') return { kind: 'absent' };
    const state = await subjectState(key.key.subject);
    if (state.kind === 'erased') return erasedLookup(key.key.subject, state);
    // A key that lost the race for its subject was never used to seal anything.
    return state.kind === 'assigned' && state.keyId === keyId ? { kind: 'active', key: key.key } : { kind: 'absent' };
  };

  /** Appends, answering false when the stream was not at the expected revision (someone else wrote first). */
  const appendExpecting = async (stream: string, event: EventData, expectedRevision: AppendExpectedRevision): Promise<boolean> => {
    try {
      await client.appendToStream(stream, event, { expectedRevision });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
  };

  /** Hard-deletes a key stream; one already tombstoned is fine (erasure is idempotent). */
  const tombstone = async (keyId: string): Promise<void> => {
    try {
      await client.tombstoneStream(keyStreamOf(prefix, keyId), { expectedRevision: ANY });
    } catch (error) {
      if (!(error instanceof StreamDeletedError)) throw error;
    }
  };

  const createIfAbsent = async (key: DataKeyRecord): Promise<DataKeyLookup> => {
    const before = await bySubject(key.subject);
    if (before.kind !== 'absent') return before;
    // The key first, then its assignment: an assignment never points at a key that is not written.
    if (!(await appendExpecting(keyStreamOf(prefix, key.keyId), keyCreatedEvent(key), NO_STREAM))) {
      throw new Error('a key id was generated twice');
    }
    const won = await appendExpecting(subjectStreamOf(prefix, key.subject), keyAssignedEvent(key.subject, key.keyId, key.createdAt), NO_STREAM);
    // Lost the race for a first key (or the subject was erased meanwhile): ours was never handed out.
    if (!won) await tombstone(key.keyId);
    return bySubject(key.subject);
  };

  const destroy = async (subject: string, erasedAt: string): Promise<KeyDestruction> => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const state = await subjectState(subject);
      if (state.kind === 'erased') {
        // Erased before any key existed: there are no key bytes anywhere.
        if (state.keyId === undefined) return { outcome: 'already-erased', storageScrubbed: true };
        // Finishes an erasure that stopped between its record and the tombstone. Whether a scavenge has run
        // since cannot be asked of the client, so the bytes are reported as possibly still on disk.
        await tombstone(state.keyId);
        return { outcome: 'already-erased', storageScrubbed: false, pendingScrub: ESDB_PENDING_SCRUB };
      }
      const keyId = state.kind === 'assigned' ? state.keyId : undefined;
      // The record first: from then on nothing opens with the key, even before its stream is tombstoned.
      const recorded = await appendExpecting(
        subjectStreamOf(prefix, subject),
        subjectErasedEvent(subject, keyId, erasedAt),
        state.kind === 'assigned' ? state.revision : NO_STREAM,
      );
      if (!recorded) continue;
      if (keyId === undefined) return { outcome: 'no-key-recorded', storageScrubbed: true };
      await tombstone(keyId);
      return { outcome: 'key-destroyed', storageScrubbed: false, pendingScrub: ESDB_PENDING_SCRUB };
    }
    throw new Error(`the subject stream kept changing during ${MAX_ATTEMPTS} attempts`);
  };

  return {
    bySubject: (subject) => run('read', () => bySubject(subject)),
    byKeyIds: (keyIds) =>
      run('read', async () => {
        const lookups = new Map<string, DataKeyLookup>();
        for (const keyId of new Set(keyIds)) lookups.set(keyId, await byKeyId(keyId));
        return lookups;
      }),
    createIfAbsent: (key) => run('creation', () => createIfAbsent(key)),
    destroy: (subject, erasedAt) => run('destruction', () => destroy(subject, erasedAt)),
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) await client.dispose().catch(() => undefined);
    },
  };
};
