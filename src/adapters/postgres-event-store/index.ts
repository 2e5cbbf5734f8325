export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { createPostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './postgres-checkpoint-store.js';
