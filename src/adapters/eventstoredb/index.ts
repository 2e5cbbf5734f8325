/**
 * kyc-core/eventstoredb: the event store and the personal-data key store on EventStoreDB, through
 * `@eventstore/db-client`. Read models, checkpoints and the webhook inbox live elsewhere (SQLite or PostgreSQL).
 */
export * from './event-store/index.js';
export * from './personal-data-keys/index.js';
