import type { GlobalPosition } from '../../../application/ports/event-store.js';

/**
 * Why positions come from transaction ids and not from a sequence: sequence values are taken before
 * commit, so a transaction holding position 10 can commit after one holding 11, and a reader that has
 * already moved past 11 would skip 10 for ever. Transaction ids have the same problem on their own, but
 * PostgreSQL tells us the oldest transaction still in flight (`pg_snapshot_xmin`): every transaction
 * below it has finished, and every later commit has an id at or above it. Reading only below that
 * horizon, in (transaction id, stream version) order, therefore never skips anything.
 *
 * The pair is packed into one bigint: transaction id in the high bits, stream version (< 2^31) in the
 * low 32. The result can exceed 64 bits on a database with more than 2^31 transactions; it is a JS
 * bigint, and the checkpoint stores keep it as an arbitrary-precision number.
 */
const VERSION_BITS = 32n;
const VERSION_MASK = (1n << VERSION_BITS) - 1n;

export const encodePosition = (transactionId: string, streamVersion: number): GlobalPosition =>
  (BigInt(transactionId) << VERSION_BITS) | BigInt(streamVersion);

export interface DecodedPosition {
  readonly transactionId: string;
  readonly streamVersion: number;
}

export const decodePosition = (position: GlobalPosition): DecodedPosition =>
  position <= 0n
    ? { transactionId: '0', streamVersion: 0 }
    : { transactionId: (position >> VERSION_BITS).toString(), streamVersion: Number(position & VERSION_MASK) };
