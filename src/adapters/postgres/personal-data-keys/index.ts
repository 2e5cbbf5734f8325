export { createPostgresPersonalDataKeyStore, type PostgresPersonalDataKeyStoreOptions } from './postgres-personal-data-key-store.js';
