/**
 * kyc-core/postgres: every port kyc-core has, served by PostgreSQL (needs the `pg` driver). One database can
 * hold them all; each adapter migrates its own tables in the schema it is given (see schema/).
 */
export * from './event-store/index.js';
export * from './checkpoint-store/index.js';
export * from './read-model/index.js';
export * from './webhook-inbox/index.js';
export * from './personal-data-keys/index.js';
export { createPostgresPool, POSTGRES_CONNECT_TIMEOUT_MS } from './shared/create-postgres-pool.js';
