/**
 * kyc-core/sqlite: every port kyc-core has, served by SQLite through better-sqlite3 (the embedded default).
 * Each adapter migrates its own tables in the file it is given (see schema/).
 */
export * from './event-store/index.js';
export * from './checkpoint-store/index.js';
export * from './read-model/index.js';
export * from './webhook-inbox/index.js';
export * from './personal-data-keys/index.js';
