import { SEED_PAGE_RULES, TODAY_PAGE_RULES, type PageRules } from './page-rules.js';
import { DEFAULT_RATE_LIMITS, type RateLimitWindow } from './rate-limits.js';

/**
 * Which generation of Mangopay's API the simulator speaks:
 * - `today`: session statuses REFUSED / OUT_OF_DATE / EXPIRED, checks inline in GET identity-verifications/{Id};
 * - `seed`: the seeds' words (REJECTED / OUTDATED / TIMEOUT), checks only at .../{Id}/checks.
 */
export type MangopayApiEra = 'today' | 'seed';

export interface MangopaySimulatorOptions {
  /** 0 or absent: any free port. */
  readonly port?: number;
  readonly clientId: string;
  readonly apiKey: string;
  /** The page rules: 'today' (Mangopay's documentation, the default) or 'seed' (seed 002's). */
  readonly pageRules?: 'today' | 'seed';
  /** The rate-limit windows (default: Mangopay's four, 15 min to 24 h). */
  readonly rateLimits?: ReadonlyArray<RateLimitWindow>;
  readonly era?: MangopayApiEra;
  /** Lifetime of an OAuth token, in seconds (default 1200, as Mangopay). */
  readonly tokenLifetimeSeconds?: number;
  /** Hook deliveries: attempts per notification (default 4), first retry delay (default 200 ms, doubled each time), timeout (default 2 s). */
  readonly hookAttempts?: number;
  readonly hookRetryDelayMs?: number;
  readonly hookTimeoutMs?: number;
  /** The simulator's clock in milliseconds (default Date.now): CreationDate and friends derive from it. */
  readonly now?: () => number;
}

export interface SimulatorSettings {
  readonly clientId: string;
  readonly apiKey: string;
  readonly pageRules: PageRules;
  readonly rateLimits: ReadonlyArray<RateLimitWindow>;
  readonly era: MangopayApiEra;
  readonly tokenLifetimeSeconds: number;
  readonly hookAttempts: number;
  readonly hookRetryDelayMs: number;
  readonly hookTimeoutMs: number;
  readonly now: () => number;
}

export const settingsOf = (options: MangopaySimulatorOptions): SimulatorSettings => ({
  clientId: options.clientId,
  apiKey: options.apiKey,
  pageRules: options.pageRules === 'seed' ? SEED_PAGE_RULES : TODAY_PAGE_RULES,
  rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
  era: options.era ?? 'today',
  tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 1200,
  hookAttempts: Math.max(1, options.hookAttempts ?? 4),
  hookRetryDelayMs: options.hookRetryDelayMs ?? 200,
  hookTimeoutMs: options.hookTimeoutMs ?? 2000,
  now: options.now ?? Date.now,
});

/** Unix seconds on the simulator's clock. */
export const nowSeconds = (settings: SimulatorSettings): number => Math.floor(settings.now() / 1000);
