export { createSqliteEventStore, DEFAULT_SQLITE_FILENAME, type SqliteEventStoreOptions } from './sqlite-event-store.js';
export { createSqliteCheckpointStore, type SqliteUnitOfWork } from './sqlite-checkpoint-store.js';
