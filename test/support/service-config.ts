import { timeBudgetsOf, type EventStoreLocation, type KycConfig } from '../../src/adapters/composition-root/index.js';

/** The configuration a test starts the service with: the in-process simulator, a free port, silent logs. */
export const serviceConfigForTests = (
  eventStore: EventStoreLocation,
  dataDir: string,
  apiKeys: ReadonlyArray<string>,
  overrides: Partial<KycConfig> = {},
): KycConfig => ({
  eventStore,
  mangopay: undefined,
  port: 0,
  publicUrl: undefined,
  pagePolicy: 'seed',
  logLevel: 'silent',
  apiKeys,
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
