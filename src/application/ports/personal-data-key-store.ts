import type { TaskEither } from 'fp-ts/lib/TaskEither.js';

/**
 * Where the vault keeps one data key per subject: in the same database as the events, in a table of its
 * own, so that destroying a key is one small write that leaves the events untouched.
 */
export interface DataKeyRecord {
  readonly subject: string;
  readonly keyId: string;
  /** The key as stored: 32 raw bytes, or wrapped by the master key named in `wrapping`. */
  readonly material: Uint8Array;
  /** `none`, or which master key wraps `material` (the vault's business, stored as given). */
  readonly wrapping: string;
  readonly createdAt: string;
}

export type DataKeyLookup =
  | { readonly kind: 'active'; readonly key: DataKeyRecord }
  /** The key was destroyed (or the subject erased before any key existed); only the tombstone is left. */
  | { readonly kind: 'erased'; readonly subject: string; readonly keyId: string | undefined; readonly erasedAt: string }
  | { readonly kind: 'absent' };

export interface KeyDestruction {
  readonly outcome: 'key-destroyed' | 'already-erased' | 'no-key-recorded';
  /**
   * Whether the adapter also made the destroyed bytes unreachable in its files (SQLite: secure_delete
   * and a truncated WAL; PostgreSQL: the old row versions vacuumed). False means: try the erasure again.
   */
  readonly storageScrubbed: boolean;
  /** When not scrubbed: what still holds the destroyed bytes and what removes them, in words for the operator. */
  readonly pendingScrub?: string;
}

export interface PersonalDataKeysUnavailable {
  readonly type: 'PERSONAL_DATA_KEYS_UNAVAILABLE';
  readonly message: string;
  readonly cause?: { readonly name: string; readonly code?: string };
}

export interface PersonalDataKeyStore {
  readonly bySubject: (subject: string) => TaskEither<PersonalDataKeysUnavailable, DataKeyLookup>;
  /** Looks several key ids up at once (a stream's tokens); ids never recorded answer `absent`. */
  readonly byKeyIds: (keyIds: ReadonlyArray<string>) => TaskEither<PersonalDataKeysUnavailable, ReadonlyMap<string, DataKeyLookup>>;
  /**
   * Records a subject's first key unless they already have one or were erased; answers what the subject
   * has afterwards, so two writers racing for a first key agree on one.
   */
  readonly createIfAbsent: (key: DataKeyRecord) => TaskEither<PersonalDataKeysUnavailable, DataKeyLookup>;
  /** Destroys the subject's key material and keeps a tombstone (one is written even when no key existed). */
  readonly destroy: (subject: string, erasedAt: string) => TaskEither<PersonalDataKeysUnavailable, KeyDestruction>;
  readonly close: () => Promise<void>;
}

export const personalDataKeysUnavailable = (
  message: string,
  cause?: { readonly name: string; readonly code?: string },
): PersonalDataKeysUnavailable => ({ type: 'PERSONAL_DATA_KEYS_UNAVAILABLE', message, ...(cause === undefined ? {} : { cause }) });
