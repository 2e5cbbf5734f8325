export { createSqliteKycReadModel, DEFAULT_SQLITE_READ_MODEL_FILENAME, type SqliteKycReadModelOptions } from './sqlite-kyc-read-model.js';
