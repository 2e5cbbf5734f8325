/** One of Mangopay's rate-limit windows: at most `limit` calls in `seconds`. */
export interface RateLimitWindow {
  readonly seconds: number;
  readonly limit: number;
}

/** "Rate limiting": 2,300 calls per 15 minutes, 4,500 per 30 minutes, 8,800 per hour, 105,600 per 24 hours. */
export const DEFAULT_RATE_LIMITS: ReadonlyArray<RateLimitWindow> = [
  { seconds: 15 * 60, limit: 2300 },
  { seconds: 30 * 60, limit: 4500 },
  { seconds: 60 * 60, limit: 8800 },
  { seconds: 24 * 60 * 60, limit: 105_600 },
];

export type RateLimitHeaders = Readonly<Record<'x-ratelimit' | 'x-ratelimit-remaining' | 'x-ratelimit-reset', string>>;

/**
 * Counts API calls per window, as Mangopay reports them on every answer: x-ratelimit (calls made),
 * x-ratelimit-remaining and x-ratelimit-reset (unix seconds), one value per window, comma-separated, shortest
 * window first. A window starts at its first call and resets when its length has passed (the documentation does
 * not say whether Mangopay's windows slide or are fixed).
 */
export const createRateLimits = (windows: ReadonlyArray<RateLimitWindow>) => {
  const state = windows.map(() => ({ start: Number.NEGATIVE_INFINITY, count: 0 }));
  const roll = (nowSeconds: number): void =>
    state.forEach((window, i) => {
      if (nowSeconds >= window.start + (windows[i] as RateLimitWindow).seconds) {
        window.start = nowSeconds;
        window.count = 0;
      }
    });
  const headers = (override?: { readonly resetAt: number }): RateLimitHeaders => ({
    'x-ratelimit': state.map((window) => String(window.count)).join(', '),
    'x-ratelimit-remaining': state
      .map((window, i) => String(override !== undefined && i === 0 ? 0 : Math.max(0, (windows[i] as RateLimitWindow).limit - window.count)))
      .join(', '),
    'x-ratelimit-reset': state
      .map((window, i) => String(override !== undefined && i === 0 ? override.resetAt : window.start + (windows[i] as RateLimitWindow).seconds))
      .join(', '),
  });
  return {
    /** Counts a call; `limited` when a window has no call left (then the call is not counted). */
    take: (nowSeconds: number): { readonly limited: boolean; readonly headers: RateLimitHeaders } => {
      roll(nowSeconds);
      const limited = state.some((window, i) => window.count >= (windows[i] as RateLimitWindow).limit);
      if (!limited) for (const window of state) window.count++;
      return { limited, headers: headers() };
    },
    /** The headers of an injected 429: the shortest window spent until `resetAt`. */
    spent: (nowSeconds: number, resetAt: number): RateLimitHeaders => {
      roll(nowSeconds);
      return headers({ resetAt });
    },
  };
};

export type RateLimits = ReturnType<typeof createRateLimits>;
