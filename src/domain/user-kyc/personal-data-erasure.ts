import * as t from 'io-ts';
import type { MangopayId } from '../shared/bounded-string.js';
import type { UnixTimestamp } from '../shared/unix-timestamp.js';

export interface OperatorIdBrand {
  readonly OperatorId: unique symbol;
}
/** Who asked for an erasure: the operator's id in the platform's back office (1 to 128 characters, no spaces). */
export const OperatorId = t.brand(
  t.string,
  (s): s is t.Branded<string, OperatorIdBrand> => s.length >= 1 && s.length <= 128 && /^[A-Za-z0-9_.:@+-]+$/.test(s),
  'OperatorId',
);
export type OperatorId = t.TypeOf<typeof OperatorId>;

export interface ErasureReasonBrand {
  readonly ErasureReason: unique symbol;
}
/**
 * Why: a ticket or a legal ground (1 to 255 characters, not blank). It stays readable after the erasure, on
 * purpose, to explain it: it must name no personal data of the user.
 */
export const ErasureReason = t.brand(
  t.string,
  (s): s is t.Branded<string, ErasureReasonBrand> => s.trim().length >= 1 && s.length <= 255,
  'ErasureReason',
);
export type ErasureReason = t.TypeOf<typeof ErasureReason>;

/** What a user's stream remembers of an erasure. */
export interface PersonalDataErasure {
  readonly userId: MangopayId;
  readonly erasedAt: UnixTimestamp;
  readonly erasedBy: OperatorId;
  readonly forced: boolean;
}
