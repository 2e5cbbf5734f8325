import { fetchExchange, undiciExchange, type HttpExchange } from './http-exchange.js';

/** How a client reaches Mangopay and how patient it is. Secrets live here and nowhere else. */
export interface MangopayHttpClientOptions {
  /** e.g. https://api.sandbox.mangopay.com, or a simulator's base URL. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly apiKey: string;
  /** Per attempt, in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /** Attempts for a request that is safe to repeat, the first included (default 4). */
  readonly maxAttempts?: number;
  /** First backoff delay, doubled at each retry, with full jitter (default 200 ms). */
  readonly baseDelayMs?: number;
  /** Largest backoff delay (default 5 000 ms). */
  readonly maxDelayMs?: number;
  /** How many 429 answers are waited out before RATE_LIMITED (default 2). */
  readonly maxRateLimitWaits?: number;
  /** Longest single wait for a rate limit to reset (default 60 000 ms); a longer one gives RATE_LIMITED at once. */
  readonly maxRateLimitWaitMs?: number;
  /** A token is renewed this long before it expires (default 60 s, at most half its lifetime). */
  readonly tokenRefreshMarginMs?: number;
  /**
   * Seams for tests: the fetch, clock, sleep and randomness used (defaults: undici's `request` for HTTP, which
   * is faster than fetch, and the global clock, timers and Math.random).
   */
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface ResolvedOptions {
  readonly apiRoot: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRateLimitWaits: number;
  readonly maxRateLimitWaitMs: number;
  readonly tokenRefreshMarginMs: number;
  readonly exchange: HttpExchange;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

const API_VERSION = 'v2.01';

export const resolveOptions = (options: MangopayHttpClientOptions): ResolvedOptions => {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    apiRoot: `${base}/${API_VERSION}/${encodeURIComponent(options.clientId)}`,
    tokenUrl: `${base}/${API_VERSION}/oauth/token`,
    clientId: options.clientId,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxRateLimitWaits: options.maxRateLimitWaits ?? 2,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 60_000,
    tokenRefreshMarginMs: options.tokenRefreshMarginMs ?? 60_000,
    exchange: options.fetch === undefined ? undiciExchange() : fetchExchange(options.fetch),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
};
