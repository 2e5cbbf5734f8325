export { buildKycRuntime, type KycRuntime, type RuntimeStartFailure } from './build-kyc-runtime.js';
export { DEFAULT_EVENT_STORE, loadConfig, timeBudgetsOf, type EventStoreLocation, type KycConfig, type MangopayCredentials, type TimeBudgets } from './kyc-config.js';
export { startKycService, WEBHOOK_PATH, type RunningKycService } from './start-kyc-service.js';
export { apiKeyFileOf, auditorApiKeyFileOf, ensureApiKeys, platformKeyOf, readApiKey, readAuditorApiKey, type ApiKeys } from './api-key-file.js';
export { parseApiKeyEntries } from './api-key-entries.js';
