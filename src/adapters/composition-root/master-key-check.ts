import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { PersonalDataKeyStore, PersonalDataKeysUnavailable } from '../../application/ports/personal-data-key-store.js';
import type { MasterKey } from '../aes-gcm-personal-data-vault/index.js';

/**
 * A key check value kept beside the sealed data keys (a reserved subject of the key store, so every adapter keeps
 * it without a schema change): an HMAC of a fixed text under the master key. It names the key without revealing
 * it, and lets a start with another key refuse at once instead of serving 409 PERSONAL_DATA_UNREADABLE later.
 */
export const MASTER_KEY_CHECK_SUBJECT = 'kyc-core:master-key-check';
const CHECK_WRAPPING = 'master-key-check-v1';

export const masterKeyCheckValue = (master: MasterKey): Buffer =>
  createHmac('sha256', master.bytes).update('kyc-core personal data master key check v1').digest();

export type MasterKeyCheck =
  /** No check value recorded yet (a new database, or one from before checks were kept). */
  | { readonly kind: 'unrecorded' }
  | { readonly kind: 'matches' }
  | { readonly kind: 'other-key' };

export interface MasterKeyCheckDamaged {
  readonly type: 'MASTER_KEY_CHECK_DAMAGED';
  readonly message: string;
}

const compare = (master: MasterKey, material: Uint8Array, wrapping: string): E.Either<MasterKeyCheckDamaged, MasterKeyCheck> => {
  if (wrapping !== CHECK_WRAPPING) return E.left({ type: 'MASTER_KEY_CHECK_DAMAGED', message: `the master key check value is of an unknown kind (${wrapping})` });
  const expected = masterKeyCheckValue(master);
  return E.right(material.length === expected.length && timingSafeEqual(Buffer.from(material), expected) ? { kind: 'matches' } : { kind: 'other-key' });
};

/** What the database says of this master key. */
export const checkMasterKey = async (
  keys: PersonalDataKeyStore,
  master: MasterKey,
): Promise<E.Either<PersonalDataKeysUnavailable | MasterKeyCheckDamaged, MasterKeyCheck>> => {
  const found = await keys.bySubject(MASTER_KEY_CHECK_SUBJECT)();
  if (E.isLeft(found)) return found;
  switch (found.right.kind) {
    case 'absent':
      return E.right({ kind: 'unrecorded' });
    case 'erased':
      return E.left({ type: 'MASTER_KEY_CHECK_DAMAGED', message: 'the master key check value was erased (kyc erase of a reserved id)' });
    case 'active':
      return compare(master, found.right.key.material, found.right.key.wrapping);
  }
};

/** Records this key's check value unless one is there; answers how the recorded one compares (a racing start may have won). */
export const recordMasterKeyCheck = async (
  keys: PersonalDataKeyStore,
  master: MasterKey,
  at: string,
): Promise<E.Either<PersonalDataKeysUnavailable | MasterKeyCheckDamaged, MasterKeyCheck>> => {
  const recorded = await keys.createIfAbsent({
    subject: MASTER_KEY_CHECK_SUBJECT,
    keyId: 'master-key-check',
    material: masterKeyCheckValue(master),
    wrapping: CHECK_WRAPPING,
    createdAt: at,
  })();
  if (E.isLeft(recorded)) return recorded;
  return recorded.right.kind === 'active'
    ? compare(master, recorded.right.key.material, recorded.right.key.wrapping)
    : E.left({ type: 'MASTER_KEY_CHECK_DAMAGED', message: 'the master key check value was erased (kyc erase of a reserved id)' });
};
