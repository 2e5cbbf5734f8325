import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Clock } from '../../application/ports/clock.js';
import type { JsonValue } from '../../application/ports/event-store.js';
import type { DataKeyLookup, DataKeyRecord, KeyDestruction, PersonalDataKeyStore } from '../../application/ports/personal-data-key-store.js';
import type { PersonalDataVault, PersonalDataVaultError, SealedToken } from '../../application/ports/personal-data-vault.js';
import { ERASED, type Erased } from '../../domain/shared/personal-data.js';
import { unwrapDataKey, wrapDataKey, type MasterKey, type UnwrapFailure } from './data-key-wrapping.js';
import { formatToken, headerOf, IV_BYTES, KEY_BYTES, KEY_ID_BYTES, parseToken, type SealedParts } from './sealed-token-format.js';

export interface AesGcmPersonalDataVaultOptions {
  readonly keys: PersonalDataKeyStore;
  readonly clock: Clock;
  /** Wraps the data keys when given (see data-key-wrapping.ts). */
  readonly masterKey?: MasterKey;
}

const unwrapError = (failure: UnwrapFailure, keyId: string, index: number): PersonalDataVaultError => {
  switch (failure) {
    case 'MASTER_KEY_REQUIRED':
      return { type: 'PERSONAL_DATA_MASTER_KEY_REQUIRED', message: `Data key ${keyId} is wrapped by a master key and none is configured`, keyId };
    case 'MASTER_KEY_MISMATCH':
      return { type: 'PERSONAL_DATA_MASTER_KEY_MISMATCH', message: `Data key ${keyId} is wrapped by another master key than the one configured`, keyId };
    case 'KEY_RECORD_DAMAGED':
      return { type: 'PERSONAL_DATA_TAMPERED', message: `The stored data key ${keyId} does not unwrap: it was altered`, index, keyId };
  }
};

const encrypt = (key: Buffer, subject: string, keyId: string, value: JsonValue): SealedToken => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(headerOf(subject, keyId), 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return formatToken({ subject, keyId, iv, ciphertext, tag: cipher.getAuthTag() });
};

/** The value, or undefined when the authentication fails (altered ciphertext, IV, header or tag). */
const decrypt = (key: Buffer, parts: SealedParts): string | undefined => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv).setAAD(Buffer.from(headerOf(parts.subject, parts.keyId), 'utf8'));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
};

/**
 * The AES-256-GCM vault: one random 256-bit data key per subject, created on first use; a fresh random 96-bit
 * IV for every field; the format, subject and key id in each token. Keys are fetched per call and never
 * cached across calls, so an erasure takes effect for every process at once; plaintext keys are zeroed after use.
 */
export const createAesGcmPersonalDataVault = ({ keys, clock, masterKey }: AesGcmPersonalDataVaultOptions): PersonalDataVault => {
  const firstKey = async (subject: string): Promise<E.Either<PersonalDataVaultError, DataKeyLookup>> => {
    const key = randomBytes(KEY_BYTES);
    const keyId = randomBytes(KEY_ID_BYTES).toString('base64url');
    const { material, wrapping } = wrapDataKey(masterKey, subject, keyId, key);
    key.fill(0);
    const record: DataKeyRecord = { subject, keyId, material, wrapping, createdAt: clock.now().toISOString() };
    return keys.createIfAbsent(record)();
  };

  return {
    seal: (subject, values) => async () => {
      if (values.length === 0) return E.right([]);
      let lookup: E.Either<PersonalDataVaultError, DataKeyLookup> = await keys.bySubject(subject)();
      if (E.isRight(lookup) && lookup.right.kind === 'absent') lookup = await firstKey(subject);
      if (E.isLeft(lookup)) return lookup;
      const found = lookup.right;
      if (found.kind === 'erased') return E.right(values.map((): Erased => ERASED));
      if (found.kind === 'absent') return E.left({ type: 'PERSONAL_DATA_KEYS_UNAVAILABLE', message: 'The key store kept no key for a new subject' });
      const unwrapped = unwrapDataKey(masterKey, subject, found.key.keyId, found.key.material, found.key.wrapping);
      if (E.isLeft(unwrapped)) return E.left(unwrapError(unwrapped.left, found.key.keyId, 0));
      try {
        return E.right(values.map((value) => encrypt(unwrapped.right, subject, found.key.keyId, value)));
      } finally {
        unwrapped.right.fill(0);
      }
    },

    open: (tokens) => async () => {
      const parsed: SealedParts[] = [];
      for (const [index, token] of tokens.entries()) {
        const parts = parseToken(token);
        if (parts === undefined) return E.left({ type: 'PERSONAL_DATA_TOKEN_MALFORMED', message: `Sealed field ${index} is not a format-1 token`, index });
        parsed.push(parts);
      }
      if (parsed.length === 0) return E.right([]);
      const lookups = await keys.byKeyIds([...new Set(parsed.map((p) => p.keyId))])();
      if (E.isLeft(lookups)) return lookups;
      const unwrappedKeys = new Map<string, Buffer>();
      try {
        const opened: Array<JsonValue | Erased> = [];
        for (const [index, parts] of parsed.entries()) {
          const lookup = lookups.right.get(parts.keyId) ?? { kind: 'absent' as const };
          if (lookup.kind === 'absent') {
            return E.left({ type: 'PERSONAL_DATA_KEY_NOT_FOUND', message: `No key ${parts.keyId} was ever recorded`, index, keyId: parts.keyId });
          }
          if (lookup.kind === 'erased') {
            opened.push(ERASED);
            continue;
          }
          if (lookup.key.subject !== parts.subject) {
            return E.left({ type: 'PERSONAL_DATA_TAMPERED', message: `Sealed field ${index} names another subject than its key's`, index, keyId: parts.keyId });
          }
          let key = unwrappedKeys.get(parts.keyId);
          if (key === undefined) {
            const unwrapped = unwrapDataKey(masterKey, lookup.key.subject, lookup.key.keyId, lookup.key.material, lookup.key.wrapping);
            if (E.isLeft(unwrapped)) return E.left(unwrapError(unwrapped.left, parts.keyId, index));
            key = unwrapped.right;
            unwrappedKeys.set(parts.keyId, key);
          }
          const text = decrypt(key, parts);
          if (text === undefined) {
            return E.left({ type: 'PERSONAL_DATA_TAMPERED', message: `Sealed field ${index} does not authenticate: it was altered`, index, keyId: parts.keyId });
          }
          opened.push(JSON.parse(text) as JsonValue);
        }
        return E.right(opened);
      } finally {
        for (const key of unwrappedKeys.values()) key.fill(0);
      }
    },

    eraseSubject: (subject, erasedAt) => async () => {
      const destroyed = await keys.destroy(subject, erasedAt.toISOString())();
      return E.map((destruction: KeyDestruction) => ({ subject, ...destruction }))(destroyed);
    },
  };
};
