import * as t from 'io-ts';
import { unixTimestamp, type UnixTimestamp } from '../shared/unix-timestamp.js';

/**
 * Anti-money-laundering rules require keeping customer due-diligence records for five years after the
 * business relationship ends: personal data may be erased only once that period after the user's last
 * activity is over, unless the erasure is forced (and recorded as forced, with who and why).
 */
export const DEFAULT_RETENTION_YEARS = 5;

/** How many years personal data is kept after the user's last activity: a whole number from 0 to 100. */
export const RetentionYears = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 100, 'RetentionYears');

/** The last instant of retention: `years` calendar years after the last activity (UTC; 29 February moves to 1 March). */
export const retentionEndsAt = (lastActivityAt: UnixTimestamp, years: number): UnixTimestamp => {
  const at = new Date(lastActivityAt * 1000);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return unixTimestamp(Math.floor(at.getTime() / 1000));
};
