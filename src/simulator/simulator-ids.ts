import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Ids shaped like Mangopay's (`user_m_01J…`, `idnver_01J…`): a prefix, the time and randomness, so ids from
 * a restarted simulator never collide with ones a platform has already stored.
 */
export const newId = (prefix: string, nowMs: number): string => {
  let time = '';
  for (let t = nowMs, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
  return `${prefix}_${time}${random}`;
};
