export { createSqliteEventStore, DEFAULT_SQLITE_FILENAME, type SqliteEventStoreOptions } from './sqlite-event-store.js';
