import * as t from 'io-ts';

/** Mangopay's "string, maximum length is 255 characters" (seed 002), non-empty where an id is meant. */
export const MAX_MANGOPAY_STRING = 255;

/** The one rule for an object's Id (see MangopayId), for codecs that build on it. */
export const isMangopayId = (s: string): boolean =>
  s.length >= 1 && s.length <= MAX_MANGOPAY_STRING && /^[A-Za-z0-9_.:-]+$/.test(s) && s !== '.' && s !== '..';

export interface MangopayIdBrand {
  readonly MangopayId: unique symbol;
}
/**
 * An object's Id as Mangopay assigns it, by one rule wherever one enters (REST paths, hook queries, Mangopay's
 * answers): 1 to 255 characters of letters, digits and `_ . : -`, and never `.` or `..`. An Id is put in URL
 * paths, so nothing in it may change a path or query: no `/ \ ? # %`, whitespace or control character, and no
 * dot segment (a URL parser resolves `/users/..` to `/`, and takes `%2e` for a dot, so encoding cannot save one).
 */
export const MangopayId = t.brand(t.string, (s): s is t.Branded<string, MangopayIdBrand> => isMangopayId(s), 'MangopayId');
export type MangopayId = t.TypeOf<typeof MangopayId>;

export interface TagBrand {
  readonly Tag: unique symbol;
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text every store keeps exactly as given: PostgreSQL's text refuses NUL (one such Tag once stopped the read
 * model's projection, and with it every list), and UTF-8 cannot hold a lone surrogate (it comes back as U+FFFD).
 */
export const isStorableText = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** Custom data a platform attaches to an object: at most 255 characters, of storable text. */
export const Tag = t.brand(
  t.string,
  (s): s is t.Branded<string, TagBrand> => s.length <= MAX_MANGOPAY_STRING && isStorableText(s),
  'Tag',
);
export type Tag = t.TypeOf<typeof Tag>;

export interface RefusedReasonMessageBrand {
  readonly RefusedReasonMessage: unique symbol;
}
/** The message accompanying a refusal: at most 255 characters. */
export const RefusedReasonMessage = t.brand(
  t.string,
  (s): s is t.Branded<string, RefusedReasonMessageBrand> => s.length <= MAX_MANGOPAY_STRING,
  'RefusedReasonMessage',
);
export type RefusedReasonMessage = t.TypeOf<typeof RefusedReasonMessage>;

export interface CommandIdBrand {
  readonly CommandId: unique symbol;
}
/** The platform's id for one command: what makes retries idempotent. 1 to 128 URL-safe characters. */
export const CommandId = t.brand(
  t.string,
  (s): s is t.Branded<string, CommandIdBrand> => s.length >= 1 && s.length <= 128 && /^[A-Za-z0-9_.:-]+$/.test(s),
  'CommandId',
);
export type CommandId = t.TypeOf<typeof CommandId>;
