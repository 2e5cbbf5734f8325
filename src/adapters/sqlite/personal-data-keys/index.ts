export { createSqlitePersonalDataKeyStore, type SqlitePersonalDataKeyStoreOptions } from './sqlite-personal-data-key-store.js';
