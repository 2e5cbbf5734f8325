export { buildKycRuntime, type KycRuntime, type RuntimeStartFailure } from './build-kyc-runtime.js';
export { DEFAULT_EVENT_STORE, loadConfig, timeBudgetsOf, type EventStoreLocation, type KycConfig, type MangopayCredentials, type TimeBudgets } from './kyc-config.js';
export { buildKycHttpApp, WEBHOOK_PATH, webhookPathOf, type KycHttpAppOptions } from './build-kyc-http-app.js';
export { startKycService, type RunningKycService } from './start-kyc-service.js';
export { apiKeyFileOf, auditorApiKeyFileOf, ensureApiKeys, platformKeyOf, readApiKey, readAuditorApiKey, type ApiKeys } from './api-key-file.js';
export { parseApiKeyEntries } from './api-key-entries.js';
