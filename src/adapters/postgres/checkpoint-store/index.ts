export { createPostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './postgres-checkpoint-store.js';
