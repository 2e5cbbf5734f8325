import * as t from 'io-ts';
import { HttpsUrl } from '../../domain/shared/https-url.js';

/**
 * Mangopay's limit for an IDV session's ReturnUrl: "Max. length: 50", an absolute URL the user is sent back to
 * (https://docs.mangopay.com/api-reference/idv-sessions/create-idv-session).
 */
export const RETURN_URL_MAX_LENGTH = 50;

const parsed = (s: string): URL | undefined => {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
};

/**
 * A ReturnUrl as stored and forwarded: an absolute https URL without credentials, in its canonical form (the
 * WHATWG URL serialization, `new URL(s).href`), within Mangopay's length. A value whose canonical form differs
 * from what was sent is refused rather than rewritten: `https:evil.com`, `https:\\evil.com`, a tab, CR or LF
 * (which the parser drops), a host in capitals or a missing `/` would each reach Mangopay, or a browser, as
 * something other than what the platform wrote.
 */
export const ReturnUrl = new t.Type<HttpsUrl, string, unknown>(
  'ReturnUrl',
  (u): u is HttpsUrl => typeof u === 'string' && HttpsUrl.is(u) && parsed(u)?.href === u && u.length <= RETURN_URL_MAX_LENGTH,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'String');
    const url = parsed(u);
    if (url === undefined || !HttpsUrl.is(u)) return t.failure(u, c, 'HttpsUrl (absolute, https, without credentials)');
    if (url.href !== u) return t.failure(u, c, 'CanonicalUrl (as WHATWG URL serialization writes it, e.g. https://host/path)');
    if (u.length > RETURN_URL_MAX_LENGTH) return t.failure(u, c, `MaxLength${RETURN_URL_MAX_LENGTH}`);
    return t.success(u);
  },
  (url) => url,
);
