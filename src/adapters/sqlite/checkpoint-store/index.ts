export { createSqliteCheckpointStore, type SqliteUnitOfWork } from './sqlite-checkpoint-store.js';
