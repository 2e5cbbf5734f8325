import { timeBudgetsOf, type EventStoreLocation, type KycConfig } from '../../src/adapters/composition-root/index.js';
import type { ApiKeyGrant } from '../../src/adapters/shared/http/index.js';

/** A test's keys: a plain string is a platform key (as in KYC_API_KEYS), a grant says its role. */
export type TestApiKey = string | ApiKeyGrant;

export const grantsOf = (keys: ReadonlyArray<TestApiKey>): ReadonlyArray<ApiKeyGrant> =>
  keys.map((key) => (typeof key === 'string' ? { key, role: 'platform' } : key));

/** The configuration a test starts the service with: the in-process simulator, a free port, silent logs. */
export const serviceConfigForTests = (
  eventStore: EventStoreLocation,
  dataDir: string,
  apiKeys: ReadonlyArray<TestApiKey>,
  overrides: Partial<KycConfig> = {},
): KycConfig => ({
  eventStore,
  mangopay: undefined,
  port: 0,
  publicUrl: undefined,
  pagePolicy: 'seed',
  logLevel: 'silent',
  apiKeys: grantsOf(apiKeys),
  dataDir,
  webhook: { secret: undefined, allowedSources: undefined, maxPerMinutePerSource: 10_000, takeOver: false },
  personalDataMasterKey: undefined,
  retentionYears: 5,
  inboxRetentionDays: 7,
  sweep: { everySeconds: 60, olderThanSeconds: 900 },
  backgroundCallsPerMinute: 60,
  timeBudgets: timeBudgetsOf(20, 10),
  trustProxy: [],
  ...overrides,
});
