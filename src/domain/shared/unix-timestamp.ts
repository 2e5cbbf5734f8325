import * as t from 'io-ts';

export interface UnixTimestampBrand {
  readonly UnixTimestamp: unique symbol;
}
/** Seconds since the epoch, as Mangopay's dates are (CreationDate, ProcessedDate, BIRTHDATE). */
export const UnixTimestamp = t.brand(
  t.number,
  (n): n is t.Branded<number, UnixTimestampBrand> => Number.isSafeInteger(n) && !Object.is(n, -0),
  'UnixTimestamp',
);
export type UnixTimestamp = t.TypeOf<typeof UnixTimestamp>;

export const unixTimestamp = (seconds: number): UnixTimestamp => {
  if (!UnixTimestamp.is(seconds)) throw new RangeError('not a unix timestamp');
  return seconds;
};
