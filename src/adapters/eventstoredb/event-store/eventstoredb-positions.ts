import type { Position } from '@eventstore/db-client';
import type { GlobalPosition } from '../../../application/ports/event-store.js';

/**
 * An $all position is a (commit, prepare) pair, ordered by commit then prepare. The events of one append
 * can share a commit position, so the global position keeps both: commit in the high 64 bits, prepare
 * in the low 64. The order is exactly $all's, and the pair comes back exactly to resume a read.
 */
const PREPARE_BITS = 64n;
const PREPARE_MASK = (1n << PREPARE_BITS) - 1n;

export const encodePosition = (position: Position): GlobalPosition => (position.commit << PREPARE_BITS) | position.prepare;

export const decodePosition = (position: GlobalPosition): Position => ({ commit: position >> PREPARE_BITS, prepare: position & PREPARE_MASK });
