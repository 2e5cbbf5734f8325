export { ACCESS_STREAM_PREFIX, createEventStoreAccessLog, type AccessLog, type AccessLogEntry } from './access-log.js';
export { createSweepMonitor, type AuditorsConsoleDependencies, type SweepPass } from './console-dependencies.js';
export { CONSOLE_PATH } from './console-layout.js';
export { registerAuditorsConsole } from './console-routes.js';
export { identifyWithApiKeys, type ConsoleRole, type IdentifyKey, type KeyIdentity } from './key-roles.js';
