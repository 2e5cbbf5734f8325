import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Erased } from '../../domain/shared/personal-data.js';
import type { JsonValue } from './event-store.js';
import type { KeyDestruction, PersonalDataKeysUnavailable } from './personal-data-key-store.js';

/**
 * A personal field's value as it is stored: a self-describing token, `pdv<format>.<subject>.<key id>.<iv>.<ciphertext>`
 * (base64url parts), so it opens without any context. Recognised by shape, so a reader without a vault
 * can tell that it holds sealed data rather than mistaking a token for a name.
 */
export type SealedToken = string;

const SEALED_TOKEN = /^pdv[1-9][0-9]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

export const isSealedToken = (value: unknown): value is SealedToken => typeof value === 'string' && SEALED_TOKEN.test(value);

/** A token that does not parse, names an unknown format, or whose parts do not fit together. */
export interface PersonalDataTokenMalformed {
  readonly type: 'PERSONAL_DATA_TOKEN_MALFORMED';
  readonly message: string;
  /** Which of the tokens given to `open`. */
  readonly index: number;
}

/** No key was ever recorded under the token's key id: another database's data, or a lost key table. */
export interface PersonalDataKeyNotFound {
  readonly type: 'PERSONAL_DATA_KEY_NOT_FOUND';
  readonly message: string;
  readonly index: number;
  readonly keyId: string;
}

/** The ciphertext, its IV or its header was altered (or belongs to another subject than its key): it is not opened. */
export interface PersonalDataTampered {
  readonly type: 'PERSONAL_DATA_TAMPERED';
  readonly message: string;
  readonly index: number;
  readonly keyId: string;
}

/** The data key is wrapped by a master key that is not configured, or by another one than configured. */
export interface PersonalDataMasterKeyProblem {
  readonly type: 'PERSONAL_DATA_MASTER_KEY_REQUIRED' | 'PERSONAL_DATA_MASTER_KEY_MISMATCH';
  readonly message: string;
  readonly keyId: string;
}

export type PersonalDataVaultError =
  | PersonalDataKeysUnavailable
  | PersonalDataTokenMalformed
  | PersonalDataKeyNotFound
  | PersonalDataTampered
  | PersonalDataMasterKeyProblem;

export interface SubjectErasure extends KeyDestruction {
  readonly subject: string;
}

/**
 * The PersonalDataVault port: encrypts personal fields per subject (user), and erases a subject by
 * destroying their key (crypto-shredding). Errors never carry values, tokens or key material.
 */
export interface PersonalDataVault {
  /**
   * Seals values for a subject, one token each, in order. A subject already erased gets the `Erased`
   * marker back instead: data that arrives after an erasure is not kept.
   */
  readonly seal: (subject: string, values: ReadonlyArray<JsonValue>) => TaskEither<PersonalDataVaultError, ReadonlyArray<SealedToken | Erased>>;
  /** Opens tokens, in order; a token whose key was destroyed opens as the `Erased` marker. */
  readonly open: (tokens: ReadonlyArray<SealedToken>) => TaskEither<PersonalDataVaultError, ReadonlyArray<JsonValue | Erased>>;
  /** Destroys the subject's key and keeps a tombstone, so nothing sealed for them opens again. Idempotent. */
  readonly eraseSubject: (subject: string, erasedAt: Date) => TaskEither<PersonalDataKeysUnavailable, SubjectErasure>;
}
