import fc from 'fast-check';
import { isMangopayId, MAX_MANGOPAY_STRING, type CommandId, type MangopayId, type RefusedReasonMessage, type Tag } from '../../domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-'.split('');

/** A Mangopay object Id: 1 to 255 characters of the URL-safe alphabet Mangopay uses, never a dot segment. */
export const mangopayIdArbitrary = (maxLength = 24): fc.Arbitrary<MangopayId> =>
  fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength }).filter(isMangopayId).map((s) => s as MangopayId);

/** A platform command id; distinct ids are what make commands distinct for the command handler. */
export const commandIdArbitrary: fc.Arbitrary<CommandId> = fc
  .string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 40 })
  .map((s) => s as CommandId);

/** A Tag within seed 002's 255 characters, any text (Mangopay does not restrict its content). */
export const tagArbitrary: fc.Arbitrary<Tag> = fc
  .oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: MAX_MANGOPAY_STRING, maxLength: MAX_MANGOPAY_STRING }))
  .map((s) => s as Tag);

export const refusedReasonMessageArbitrary: fc.Arbitrary<RefusedReasonMessage> = fc
  .string({ maxLength: MAX_MANGOPAY_STRING })
  .map((s) => s as RefusedReasonMessage);

/** Seconds since the epoch, around today (2001 to 2033), as Mangopay's dates are. */
export const unixTimestampArbitrary: fc.Arbitrary<UnixTimestamp> = fc
  .integer({ min: 1_000_000_000, max: 2_000_000_000 })
  .map((n) => n as UnixTimestamp);

/**
 * A value no code path could produce by chance: a test puts it in a refused input and then checks it is
 * nowhere in the error (errors never echo the offending value).
 */
export const markerArbitrary: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('')), minLength: 12, maxLength: 12 })
  .map((s) => `MARK${s}`);

/** The marker padded to `length` characters (never cut: the marker must stay whole to be found). */
export const markedString = (marker: string, length: number): string => marker.padEnd(length, 'x');
