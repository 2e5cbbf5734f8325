import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { DEFAULT_BACKGROUND_CALLS_PER_MINUTE, DEFAULT_INBOX_RETENTION_DAYS, DEFAULT_SWEEP } from '../../application/webhooks/webhook-handling-defaults.js';
import { literals, struct } from '../../domain/shared/codec-helpers.js';
import { invalidInput, type InvalidInput, faultsOf } from '../../domain/shared/invalid-input.js';
import { DEFAULT_RETENTION_YEARS } from '../../domain/user-kyc/personal-data-retention.js';
import type { ApiKeyGrant } from '../shared/http/index.js';
import { API_KEY_ENTRIES_RULE, formatApiKeyEntries, parseApiKeyEntries } from './api-key-entries.js';

/** Where events are kept: `memory`, `sqlite:<file>`, `postgres://…` (or `postgresql://…`), `esdb://…`. */
export type EventStoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

const parseEventStoreLocation = (text: string): EventStoreLocation | undefined => {
  if (text === 'memory') return { kind: 'memory' };
  if (text.startsWith('sqlite:') && text.length > 'sqlite:'.length) return { kind: 'sqlite', filename: text.slice('sqlite:'.length) };
  if (/^postgres(ql)?:\/\/./.test(text)) return { kind: 'postgres', connectionString: text };
  if (/^esdb(\+discover)?:\/\/./.test(text)) return { kind: 'eventstoredb', connectionString: text };
  return undefined;
};

const EventStoreLocationCodec = new t.Type<EventStoreLocation, string, unknown>(
  'one of memory, sqlite:<file>, postgres://…, esdb://…',
  (u): u is EventStoreLocation => typeof u === 'object' && u !== null && 'kind' in u,
  (u, c) => {
    const parsed = typeof u === 'string' ? parseEventStoreLocation(u) : undefined;
    return parsed === undefined ? t.failure(u, c) : t.success(parsed);
  },
  (location) => (location.kind === 'memory' ? 'memory' : location.kind === 'sqlite' ? `sqlite:${location.filename}` : location.connectionString),
);

/** A whole number from an environment variable's text, within [min, max]; named with its range for the error. */
const integerInRange = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    // A fault reads "PORT must be a whole number from 0 to 65535": the variable, then the rule in words.
    `a whole number from ${min} to ${max}${name === '' ? '' : ` (${name})`}`,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      const n = typeof u === 'string' && /^\d{1,9}$/.test(u) ? Number(u) : Number.NaN;
      return n >= min && n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );

const Port = integerInRange('', 0, 65535);

const AbsoluteHttpUrl = t.refinement(
  t.string,
  (s) => {
    try {
      const url = new URL(s);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  'an absolute http(s) URL',
);
const NonEmpty = t.refinement(t.string, (s) => s.trim().length > 0, 'a non-empty text');

const ApiKeys = new t.Type<ReadonlyArray<ApiKeyGrant>, string, unknown>(
  API_KEY_ENTRIES_RULE,
  (u): u is ReadonlyArray<ApiKeyGrant> => Array.isArray(u),
  (u, c) => {
    const parsed = parseApiKeyEntries(typeof u === 'string' ? u : '');
    return E.isRight(parsed) ? t.success(parsed.right) : t.failure(u, c, parsed.left);
  },
  formatApiKeyEntries,
);

/** Source addresses allowed to send hooks, comma-separated IPv4/IPv6 literals. */
const AddressList = new t.Type<ReadonlyArray<string>, string, unknown>(
  'comma-separated IP addresses',
  (u): u is ReadonlyArray<string> => Array.isArray(u),
  (u, c) => {
    const addresses = typeof u === 'string' ? u.split(',').map((a) => a.trim()).filter((a) => a.length > 0) : [];
    return addresses.length > 0 && addresses.every((a) => /^[0-9a-fA-F:.]{2,45}$/.test(a)) ? t.success(addresses) : t.failure(u, c);
  },
  (addresses) => addresses.join(','),
);

/** Proxies whose X-Forwarded-For is believed, comma-separated IPv4/IPv6 addresses or CIDR ranges. */
const ProxyList = new t.Type<ReadonlyArray<string>, string, unknown>(
  'ProxyList (comma-separated IP addresses or CIDR ranges)',
  (u): u is ReadonlyArray<string> => Array.isArray(u),
  (u, c) => {
    const proxies = typeof u === 'string' ? u.split(',').map((a) => a.trim()).filter((a) => a.length > 0) : [];
    return proxies.length > 0 && proxies.every((a) => /^[0-9a-fA-F:.]{2,45}(\/\d{1,3})?$/.test(a)) ? t.success(proxies) : t.failure(u, c);
  },
  (proxies) => proxies.join(','),
);

const WebhookSecret = t.refinement(t.string, (s) => /^[A-Za-z0-9_-]{16,128}$/.test(s), '16 to 128 of A-Z a-z 0-9 _ -');
const PerMinute = integerInRange('per minute', 1, 100_000);
const Flag = literals('true or false', ['true', 'false']);

/** Years personal data is kept after a user's last activity before erasure is allowed (AML record keeping). */
const RetentionYears = integerInRange('years', 0, 100);

/** Days a processed or ignored hook stays in the inbox after it was settled (the event log is the audit trail). */
const InboxRetentionDays = integerInRange('days', 0, 3650);

/** Seconds between the service's sweeps (0: no sweep), and the age of the last observation that makes a resource due. */
const SweepEverySeconds = integerInRange('seconds; 0: no sweep', 0, 86_400);
const SweepOlderThanSeconds = integerInRange('seconds', 0, 30 * 86_400);
/** Calls to Mangopay per minute the service may make on its own (hook re-fetches, sweeps); the platform's commands are not counted. */
const BackgroundCallsPerMinute = integerInRange('calls per minute', 1, 100_000);

/**
 * The time budget of one platform request, and Mangopay's per-attempt timeout, in seconds. The client's budget for
 * one call is derived from the first (minus RECORDING_RESERVE_MS), so it always ends before the request's 504.
 */
const RequestTimeoutSeconds = integerInRange('seconds', 3, 300);
const MangopayTimeoutSeconds = integerInRange('seconds', 1, 300);

/** The environment variables the service reads, as they arrive (all strings). */
const Environment = struct(
  'Environment',
  {},
  {
    KYC_EVENT_STORE: EventStoreLocationCodec,
    MANGOPAY_BASE_URL: AbsoluteHttpUrl,
    MANGOPAY_CLIENT_ID: NonEmpty,
    MANGOPAY_API_KEY: NonEmpty,
    PORT: Port,
    KYC_PUBLIC_URL: AbsoluteHttpUrl,
    KYC_PAGE_POLICY: literals('seed or current', ['seed', 'current']),
    LOG_LEVEL: literals('one of fatal, error, warn, info, debug, trace, silent', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    KYC_API_KEYS: ApiKeys,
    KYC_DATA_DIR: NonEmpty,
    KYC_WEBHOOK_SECRET: WebhookSecret,
    KYC_WEBHOOK_ALLOWED_SOURCES: AddressList,
    KYC_WEBHOOK_MAX_PER_MINUTE: PerMinute,
    KYC_WEBHOOK_TAKE_OVER: Flag,
    KYC_PERSONAL_DATA_MASTER_KEY: NonEmpty,
    KYC_RETENTION_YEARS: RetentionYears,
    KYC_INBOX_RETENTION_DAYS: InboxRetentionDays,
    KYC_SWEEP_EVERY_SECONDS: SweepEverySeconds,
    KYC_SWEEP_OLDER_THAN_SECONDS: SweepOlderThanSeconds,
    KYC_BACKGROUND_CALLS_PER_MINUTE: BackgroundCallsPerMinute,
    KYC_REQUEST_TIMEOUT_SECONDS: RequestTimeoutSeconds,
    KYC_TRUST_PROXY: ProxyList,
    MANGOPAY_TIMEOUT_SECONDS: MangopayTimeoutSeconds,
  },
);

export interface MangopayCredentials {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly apiKey: string;
}

export interface KycConfig {
  readonly eventStore: EventStoreLocation;
  /** Absent: the Mangopay simulator runs in-process. */
  readonly mangopay: MangopayCredentials | undefined;
  readonly port: number;
  /** The URL Mangopay reaches this service at (for hooks); default http://127.0.0.1:<port>. */
  readonly publicUrl: string | undefined;
  readonly pagePolicy: 'seed' | 'current';
  readonly logLevel: string;
  /** The keys that open the API, each with its role; empty: a platform and an auditor key are generated on first start and kept in `dataDir`. */
  readonly apiKeys: ReadonlyArray<ApiKeyGrant>;
  /** Where the service keeps what it generates (its API keys). */
  readonly dataDir: string;
  readonly webhook: {
    /** A secret path segment: hooks are accepted at /webhooks/mangopay/<secret> only. */
    readonly secret: string | undefined;
    /** Only these source addresses may notify; absent: any (filter at the edge instead). */
    readonly allowedSources: ReadonlyArray<string> | undefined;
    readonly maxPerMinutePerSource: number;
    /** Point Mangopay's hooks that target another URL at this service (default false: they are left and reported). */
    readonly takeOver: boolean;
  };
  /** Base64 of the 32-byte key that wraps the users' data keys; absent: kept in `dataDir` (created on first start). */
  readonly personalDataMasterKey: string | undefined;
  /** Erasure before this many years after the last activity must be forced (default 5). */
  readonly retentionYears: number;
  /** Days processed and ignored hooks are kept in the inbox after they were settled (default 7); parked ones stay. */
  readonly inboxRetentionDays: number;
  readonly sweep: {
    /** Seconds between passes of the service's own sweep; 0: no sweep (default 60). */
    readonly everySeconds: number;
    /** A resource not final is re-fetched once nothing observed it for this long (default 900). */
    readonly olderThanSeconds: number;
  };
  /** Calls per minute to Mangopay the service spends on its own: hook re-fetches and sweeps (default 60). */
  readonly backgroundCallsPerMinute: number;
  /**
   * The proxies in front of the service (addresses or CIDRs) whose X-Forwarded-For names the real source, for the
   * hooks' rate limit and allow-list; empty (the default): the immediate peer is the source, whatever it forwards.
   */
  readonly trustProxy: ReadonlyArray<string>;
  /** How long things may take, in milliseconds; each one fits in the one before it. */
  readonly timeBudgets: TimeBudgets;
}

export interface TimeBudgets {
  /** A platform request, from its body's end to its answer: past it, 504 TIME_BUDGET_EXCEEDED (default 20 s). */
  readonly requestMs: number;
  /** One call to Mangopay in all (token, attempts, backoff, 429 waits): requestMs minus RECORDING_RESERVE_MS. */
  readonly mangopayCallMs: number;
  /** One attempt of a call to Mangopay (default 10 s); at most mangopayCallMs. */
  readonly mangopayAttemptMs: number;
}

/** What a request keeps, after Mangopay answered, to record the outcome and answer. */
export const RECORDING_RESERVE_MS = 2_000;

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 20;
export const DEFAULT_MANGOPAY_TIMEOUT_SECONDS = 10;

/** The budgets from the two settings; the attempt must fit in the call, which fits in the request by construction. */
export const timeBudgetsOf = (requestSeconds: number, mangopayAttemptSeconds: number): TimeBudgets => ({
  requestMs: requestSeconds * 1_000,
  mangopayCallMs: requestSeconds * 1_000 - RECORDING_RESERVE_MS,
  mangopayAttemptMs: mangopayAttemptSeconds * 1_000,
});

export const DEFAULT_EVENT_STORE: EventStoreLocation = { kind: 'sqlite', filename: './data/kyc.sqlite' };

/**
 * Reads the configuration from environment variables. A bad value is an INVALID_INPUT naming the variable
 * and the rule it breaks, never the value (it may be a credential).
 */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): E.Either<InvalidInput, KycConfig> => {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => value !== undefined && value !== '' && key in Environment.type.types[1].props),
  );
  const decoded = Environment.decode(present);
  if (E.isLeft(decoded)) return E.left(invalidInput(faultsOf(decoded.left), 'configuration'));
  const e = decoded.right;
  const credentials = [e.MANGOPAY_BASE_URL, e.MANGOPAY_CLIENT_ID, e.MANGOPAY_API_KEY];
  const given = credentials.filter((value) => value !== undefined).length;
  if (given !== 0 && given !== 3) {
    const missing = (['MANGOPAY_BASE_URL', 'MANGOPAY_CLIENT_ID', 'MANGOPAY_API_KEY'] as const).filter((key) => e[key] === undefined);
    return E.left(invalidInput(missing.map((path) => ({ path, rule: 'GivenWithTheOtherMangopayVariables' })), 'configuration'));
  }
  const timeBudgets = timeBudgetsOf(e.KYC_REQUEST_TIMEOUT_SECONDS ?? DEFAULT_REQUEST_TIMEOUT_SECONDS, e.MANGOPAY_TIMEOUT_SECONDS ?? DEFAULT_MANGOPAY_TIMEOUT_SECONDS);
  if (timeBudgets.mangopayAttemptMs > timeBudgets.mangopayCallMs) {
    // One attempt alone would outlast the request: the platform would get a 504 for a call still waiting on Mangopay.
    return E.left(invalidInput([{ path: 'MANGOPAY_TIMEOUT_SECONDS', rule: `AtMostKYC_REQUEST_TIMEOUT_SECONDSMinus${RECORDING_RESERVE_MS / 1_000}` }], 'configuration'));
  }
  return E.right({
    eventStore: e.KYC_EVENT_STORE ?? DEFAULT_EVENT_STORE,
    mangopay:
      given === 3
        ? { baseUrl: e.MANGOPAY_BASE_URL as string, clientId: e.MANGOPAY_CLIENT_ID as string, apiKey: e.MANGOPAY_API_KEY as string }
        : undefined,
    port: e.PORT ?? 3000,
    // Without a trailing slash: paths are appended to it (a doubled slash routes hooks nowhere).
    publicUrl: e.KYC_PUBLIC_URL?.replace(/\/+$/, ''),
    // Today's Mangopay rules: a page the seed's rules allow (a GIF, a small identity proof) Mangopay refuses.
    pagePolicy: e.KYC_PAGE_POLICY ?? 'current',
    logLevel: e.LOG_LEVEL ?? 'info',
    apiKeys: e.KYC_API_KEYS ?? [],
    dataDir: e.KYC_DATA_DIR ?? './data',
    webhook: {
      secret: e.KYC_WEBHOOK_SECRET,
      allowedSources: e.KYC_WEBHOOK_ALLOWED_SOURCES,
      maxPerMinutePerSource: e.KYC_WEBHOOK_MAX_PER_MINUTE ?? 600,
      takeOver: e.KYC_WEBHOOK_TAKE_OVER === 'true',
    },
    personalDataMasterKey: e.KYC_PERSONAL_DATA_MASTER_KEY,
    retentionYears: e.KYC_RETENTION_YEARS ?? DEFAULT_RETENTION_YEARS,
    inboxRetentionDays: e.KYC_INBOX_RETENTION_DAYS ?? DEFAULT_INBOX_RETENTION_DAYS,
    sweep: {
      everySeconds: e.KYC_SWEEP_EVERY_SECONDS ?? DEFAULT_SWEEP.everySeconds,
      olderThanSeconds: e.KYC_SWEEP_OLDER_THAN_SECONDS ?? DEFAULT_SWEEP.olderThanSeconds,
    },
    backgroundCallsPerMinute: e.KYC_BACKGROUND_CALLS_PER_MINUTE ?? DEFAULT_BACKGROUND_CALLS_PER_MINUTE,
    timeBudgets,
    trustProxy: e.KYC_TRUST_PROXY ?? [],
  });
};
