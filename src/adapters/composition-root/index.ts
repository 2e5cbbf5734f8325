export { buildKycRuntime, openKycResources, type KycRuntime, type KycRuntimeOptions, type OpenedKycResources, type RuntimeStartFailure } from './build-kyc-runtime.js';
export { runtimeContainer, wireKycRuntime } from './kyc-runtime-container.js';
export { KYC } from './kyc-tokens.js';
export { DEFAULT_EVENT_STORE, loadConfig, timeBudgetsOf, type EventStoreLocation, type KycConfig, type MangopayCredentials, type TimeBudgets } from './kyc-config.js';
export { buildKycHttpApp, WEBHOOK_PATH, webhookPathOf, type KycHttpAppOptions } from './build-kyc-http-app.js';
export { startKycService, type RunningKycService } from './start-kyc-service.js';
export { apiKeyFileOf, auditorApiKeyFileOf, ensureApiKeys, platformKeyOf, readApiKey, readAuditorApiKey, type ApiKeys } from './api-key-file.js';
export { parseApiKeyEntries } from './api-key-entries.js';
