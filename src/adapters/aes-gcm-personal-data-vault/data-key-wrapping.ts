import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { IV_BYTES, KEY_BYTES, TAG_BYTES } from './sealed-token-format.js';

/**
 * Optional key wrapping: with a master key (KEK) from configuration, data keys are stored encrypted by it,
 * so a copy of the database alone (a dump, a backup, a stolen disk) opens nothing. Without one, keys are
 * stored as they are: erasure still works, but whoever reads the key table can read the data.
 */
export interface MasterKey {
  readonly id: string;
  readonly bytes: Buffer;
}

export const NO_WRAPPING = 'none';
const WRAPPED_PREFIX = 'aes-256-gcm:';

/** A master key's id: a short hash that names it without revealing it, so a store can say which KEK wrapped a key. */
export const masterKey = (bytes: Uint8Array): MasterKey => {
  if (bytes.length !== KEY_BYTES) throw new RangeError(`a master key is ${KEY_BYTES} bytes`);
  const copy = Buffer.from(bytes);
  const id = createHash('sha256').update('kyc-core master key id\u0000').update(copy).digest('hex').slice(0, 16);
  return { id, bytes: copy };
};

const aadOf = (subject: string, keyId: string): Buffer => Buffer.from(`kyc-core data key\u0000${subject}\u0000${keyId}`, 'utf8');

export const wrapDataKey = (
  master: MasterKey | undefined,
  subject: string,
  keyId: string,
  key: Buffer,
): { readonly material: Buffer; readonly wrapping: string } => {
  if (master === undefined) return { material: Buffer.from(key), wrapping: NO_WRAPPING };
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.bytes, iv).setAAD(aadOf(subject, keyId));
  const material = Buffer.concat([iv, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return { material, wrapping: `${WRAPPED_PREFIX}${master.id}` };
};

export type UnwrapFailure = 'MASTER_KEY_REQUIRED' | 'MASTER_KEY_MISMATCH' | 'KEY_RECORD_DAMAGED';

export const unwrapDataKey = (
  master: MasterKey | undefined,
  subject: string,
  keyId: string,
  material: Uint8Array,
  wrapping: string,
): E.Either<UnwrapFailure, Buffer> => {
  if (wrapping === NO_WRAPPING) return material.length === KEY_BYTES ? E.right(Buffer.from(material)) : E.left('KEY_RECORD_DAMAGED');
  if (!wrapping.startsWith(WRAPPED_PREFIX)) return E.left('KEY_RECORD_DAMAGED');
  if (master === undefined) return E.left('MASTER_KEY_REQUIRED');
  if (wrapping.slice(WRAPPED_PREFIX.length) !== master.id) return E.left('MASTER_KEY_MISMATCH');
  if (material.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) return E.left('KEY_RECORD_DAMAGED');
  const bytes = Buffer.from(material);
  try {
    const decipher = createDecipheriv('aes-256-gcm', master.bytes, bytes.subarray(0, IV_BYTES)).setAAD(aadOf(subject, keyId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES + KEY_BYTES));
    return E.right(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + KEY_BYTES)), decipher.final()]));
  } catch {
    return E.left('KEY_RECORD_DAMAGED');
  }
};
