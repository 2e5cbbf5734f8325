export {
  createPostgresKycReadModel,
  DEFAULT_POSTGRES_READ_MODEL_SCHEMA,
  type PostgresKycReadModelOptions,
} from './postgres-kyc-read-model.js';
