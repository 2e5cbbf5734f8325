/**
 * kyc-core: the public face for embedding. The deciders and rules (domain); the command handler, use cases
 * and ports (application); the in-memory, Mangopay and HTTP adapters (the Mangopay simulator is at kyc-core/simulator). PostgreSQL, SQLite and EventStoreDB
 * are at kyc-core/postgres, kyc-core/sqlite and kyc-core/eventstoredb. The reference service (composition root, REST API, CLI) is not exported: copy it.
 */
export * from './domain/index.js';

export * from './application/aggregates.js';
export * from './application/audit/index.js';
export * from './application/command-handling/index.js';
export * from './application/erasure/index.js';
export * from './application/hook-registration/index.js';
export * from './application/platform-commands/index.js';
export * from './application/projections/index.js';
export * from './application/read-models/index.js';
export * from './application/reconciliation/index.js';
export * from './application/webhooks/index.js';
export * from './application/ports/checkpoint-store.js';
export * from './application/ports/clock.js';
export * from './application/ports/event-store.js';
export * from './application/ports/mangopay-api.js';
export * from './application/ports/mangopay-api-errors.js';
export * from './application/ports/mangopay-api-views.js';
export * from './application/ports/mangopay-list-query.js';
export * from './application/ports/personal-data-key-store.js';
export * from './application/ports/personal-data-vault.js';
export * from './application/ports/webhook-inbox.js';

export * from './adapters/clock/index.js';
export * from './adapters/in-memory/index.js';
export * from './adapters/aes-gcm-personal-data-vault/index.js';
export * from './adapters/mangopay-http-client/index.js';
export * from './adapters/webhook-endpoint/index.js';

// The database adapters load their drivers, so they have subpaths of their own and the root loads none:
// kyc-core/postgres (pg), kyc-core/sqlite (better-sqlite3), kyc-core/eventstoredb (@eventstore/db-client).
// The Mangopay simulator is a test tool of its own (32 modules, a seventh of the root's): kyc-core/simulator.
