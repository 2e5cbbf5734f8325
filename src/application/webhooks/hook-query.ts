import * as t from 'io-ts';
import { MangopayId } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import type { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';

export interface HookEventTypeNameBrand {
  readonly HookEventTypeName: unique symbol;
}
/**
 * The shape of any Mangopay event type (upper-case words joined by underscores), known or not: an unknown
 * one is acknowledged and recorded as ignored, but anything else is not an event type and gets a 400.
 */
export const HookEventTypeName = t.brand(
  t.string,
  (s): s is t.Branded<string, HookEventTypeNameBrand> => /^[A-Z][A-Z0-9_]{0,99}$/.test(s),
  'HookEventTypeName',
);
export type HookEventTypeName = t.TypeOf<typeof HookEventTypeName>;

const MAX_DATE_DIGITS = 15;

/** `Date` as it arrives in a query string: a non-negative decimal integer (a unix timestamp), nothing else. */
export const HookDateFromString = new t.Type<UnixTimestamp, string, unknown>(
  'HookDate',
  (u): u is UnixTimestamp => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'string' && u.length <= MAX_DATE_DIGITS && /^[0-9]+$/.test(u) ? t.success(Number(u) as UnixTimestamp) : t.failure(u, c),
  (date) => String(date),
);

/**
 * Mangopay's hook query: `?EventType=…&RessourceId=…&Date=…` (its spelling). Other parameters are dropped.
 * Each must appear once: a repeated parameter arrives as an array and fails its codec.
 */
export const HookQuery = struct('HookQuery', {
  EventType: HookEventTypeName,
  RessourceId: MangopayId,
  Date: HookDateFromString,
});
export type HookQuery = t.TypeOf<typeof HookQuery>;
