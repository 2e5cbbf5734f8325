import type { AnswerHeaders } from './http-exchange.js';
import type { ResolvedOptions } from './mangopay-http-client-options.js';

/** Exponential backoff with full jitter: a delay drawn in [0, min(max, base·2^retry)]. */
export const backoffDelayMs = (options: ResolvedOptions, retry: number): number =>
  Math.round(options.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry));

/**
 * How long to wait after a 429, from Mangopay's headers. `x-ratelimit-reset` holds one unix time (seconds) per
 * rate-limit window, comma-separated, beside `x-ratelimit-remaining`; the windows with no call left decide
 * (https://docs.mangopay.com/api-reference/overview/rate-limiting). Without it, a standard `Retry-After` in
 * seconds is read (a proxy in front of Mangopay may send one). Undefined when the headers say nothing usable.
 */
export const rateLimitWaitMs = (headers: AnswerHeaders, nowMs: number): { readonly resetAt: number; readonly waitMs: number } | undefined => {
  const resets = (headers.get('x-ratelimit-reset') ?? '').split(',').map((s) => Number(s.trim()));
  const remaining = (headers.get('x-ratelimit-remaining') ?? '').split(',').map((s) => Number(s.trim()));
  const valid = resets.filter((reset) => Number.isSafeInteger(reset) && reset > 0);
  if (valid.length === 0) {
    const retryAfter = (headers.get('retry-after') ?? '').trim();
    if (!/^\d{1,9}$/.test(retryAfter)) return undefined;
    const waitMs = Number(retryAfter) * 1000;
    return { resetAt: Math.ceil((nowMs + waitMs) / 1000), waitMs };
  }
  const exhausted = resets.filter((reset, i) => Number.isSafeInteger(reset) && reset > 0 && remaining[i] !== undefined && remaining[i] <= 0);
  const resetAt = exhausted.length > 0 ? Math.max(...exhausted) : Math.min(...valid);
  return { resetAt, waitMs: Math.max(0, resetAt * 1000 - nowMs) };
};
