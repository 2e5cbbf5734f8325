import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import * as t from 'io-ts';
import type { CommandId } from '../../domain/shared/bounded-string.js';

export interface IdempotencyKeyBrand {
  readonly IdempotencyKey: unique symbol;
}
/** Mangopay's rule: 16 to 36 alphanumeric characters or dashes. */
export const IdempotencyKey = t.brand(
  t.string,
  (s): s is t.Branded<string, IdempotencyKeyBrand> => /^[A-Za-z0-9-]{16,36}$/.test(s),
  'IdempotencyKey',
);
export type IdempotencyKey = t.TypeOf<typeof IdempotencyKey>;

/**
 * The Idempotency-Key of one creating call made on behalf of a command: a UUID-shaped digest of the
 * command id and the step (a command that creates a document and then its pages makes several calls).
 * The same command retried after a crash derives the same keys, so Mangopay never creates twice.
 */
export const idempotencyKeyFor = (commandId: CommandId, step: string): IdempotencyKey => {
  const hex = bytesToHex(sha256(utf8ToBytes(`${commandId}\u0000${step}`)));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}` as IdempotencyKey;
};
