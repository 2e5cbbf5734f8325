import * as t from 'io-ts';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import { idDigest, uuidOfDigest } from '../../domain/shared/id-digest.js';

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
export const idempotencyKeyFor = (commandId: CommandId, step: string): IdempotencyKey =>
  uuidOfDigest(idDigest(commandId, step)) as IdempotencyKey;
