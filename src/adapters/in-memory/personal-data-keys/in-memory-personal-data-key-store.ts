import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  personalDataKeysUnavailable,
  type DataKeyLookup,
  type DataKeyRecord,
  type KeyDestruction,
  type PersonalDataKeyStore,
} from '../../../application/ports/personal-data-key-store.js';

interface Entry {
  readonly subject: string;
  readonly keyId: string | undefined;
  material: Uint8Array | undefined;
  readonly wrapping: string | undefined;
  readonly createdAt: string | undefined;
  erasedAt: string | undefined;
}

const lookupOf = (entry: Entry | undefined): DataKeyLookup => {
  if (entry === undefined) return { kind: 'absent' };
  if (entry.erasedAt !== undefined || entry.material === undefined) {
    return { kind: 'erased', subject: entry.subject, keyId: entry.keyId, erasedAt: entry.erasedAt ?? '' };
  }
  const key: DataKeyRecord = {
    subject: entry.subject,
    keyId: entry.keyId as string,
    material: Uint8Array.from(entry.material),
    wrapping: entry.wrapping as string,
    createdAt: entry.createdAt as string,
  };
  return { kind: 'active', key };
};

/** Keys in memory, for tests and the in-memory event store; a destroyed key's bytes are overwritten, not just dropped. */
export const createInMemoryPersonalDataKeyStore = (): PersonalDataKeyStore => {
  const bySubject = new Map<string, Entry>();
  const byKeyId = new Map<string, Entry>();
  let closed = false;
  const guard = <A>(run: () => A): TE.TaskEither<ReturnType<typeof personalDataKeysUnavailable>, A> =>
    closed ? TE.left(personalDataKeysUnavailable('The in-memory key store is closed')) : TE.right(run());

  return {
    bySubject: (subject) => guard(() => lookupOf(bySubject.get(subject))),
    byKeyIds: (keyIds) => guard(() => new Map(keyIds.map((keyId) => [keyId, lookupOf(byKeyId.get(keyId))] as const))),
    createIfAbsent: (key) =>
      guard(() => {
        const existing = bySubject.get(key.subject);
        if (existing !== undefined) return lookupOf(existing);
        const entry: Entry = { ...key, material: Uint8Array.from(key.material), erasedAt: undefined };
        bySubject.set(key.subject, entry);
        byKeyId.set(key.keyId, entry);
        return lookupOf(entry);
      }),
    destroy: (subject, erasedAt) =>
      guard((): KeyDestruction => {
        const entry = bySubject.get(subject);
        if (entry === undefined) {
          bySubject.set(subject, { subject, keyId: undefined, material: undefined, wrapping: undefined, createdAt: undefined, erasedAt });
          return { outcome: 'no-key-recorded', storageScrubbed: true };
        }
        if (entry.erasedAt !== undefined) return { outcome: 'already-erased', storageScrubbed: true };
        entry.material?.fill(0);
        entry.material = undefined;
        entry.erasedAt = erasedAt;
        return { outcome: 'key-destroyed', storageScrubbed: true };
      }),
    close: async () => {
      closed = true;
    },
  };
};
