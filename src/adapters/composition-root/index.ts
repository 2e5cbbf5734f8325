export { buildKycRuntime, type KycRuntime, type RuntimeStartFailure } from './build-kyc-runtime.js';
export { DEFAULT_EVENT_STORE, loadConfig, type EventStoreLocation, type KycConfig, type MangopayCredentials } from './kyc-config.js';
export { LOCAL_SIMULATOR_CREDENTIALS } from './mangopay-from-config.js';
export { startKycService, WEBHOOK_PATH, type RunningKycService } from './start-kyc-service.js';
export { apiKeyFileOf, auditorApiKeyFileOf, ensureApiKeys, platformKeyOf, readApiKey, readAuditorApiKey, type ApiKeys } from './api-key-file.js';
export { parseApiKeyEntries } from './api-key-entries.js';
