import type { PostgresMigration } from './postgres-schema-migrations.js';

/**
 * The KYC read model's tables, in the read model's own schema. Each row keeps the version of the stream it
 * was last changed by: the guard that makes a replayed batch change nothing. Ids collate "C" (byte order),
 * so the lists' tie-break on the id orders as SQLite and JavaScript do, whatever the database's locale.
 */
export const readModelMigrations: ReadonlyArray<PostgresMigration> = [
  {
    version: 1,
    description: 'KYC read model: documents, IDV sessions, users and what counts towards REGULAR',
    sql: `
      CREATE TABLE {schema}.read_kyc_documents (
        document_id text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL,
        document_type text NOT NULL,
        status text NOT NULL,
        tag text,
        creation_date bigint NOT NULL,
        processed_date bigint,
        refused_reason_type text,
        refused_reason_unrecognized text,
        page_count integer NOT NULL,
        diverged boolean NOT NULL,
        stream_version integer NOT NULL
      );
      CREATE INDEX read_kyc_documents_by_date ON {schema}.read_kyc_documents (creation_date, document_id);
      CREATE INDEX read_kyc_documents_by_user ON {schema}.read_kyc_documents (user_id, creation_date, document_id);
      CREATE TABLE {schema}.read_idv_sessions (
        session_id text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL,
        status text NOT NULL,
        tag text,
        creation_date bigint NOT NULL,
        diverged boolean NOT NULL,
        stream_version integer NOT NULL
      );
      CREATE INDEX read_idv_sessions_by_user ON {schema}.read_idv_sessions (user_id, creation_date, session_id);
      CREATE TABLE {schema}.read_users (
        user_id text COLLATE "C" PRIMARY KEY,
        person_type text NOT NULL,
        legal_person_type text,
        user_category text NOT NULL,
        kyc_level text NOT NULL,
        stream_version integer NOT NULL
      );
      CREATE TABLE {schema}.read_user_counted_documents (
        user_id text COLLATE "C" NOT NULL,
        document_id text COLLATE "C" NOT NULL,
        document_type text NOT NULL,
        PRIMARY KEY (user_id, document_id)
      );
      CREATE TABLE {schema}.read_user_counted_sessions (
        user_id text COLLATE "C" NOT NULL,
        session_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (user_id, session_id)
      );`,
  },
  {
    version: 2,
    // Erasures recorded before this version show once the read model is rebuilt (`kyc projections rebuild`).
    description: "KYC read model: when a user's personal data was erased",
    sql: 'ALTER TABLE {schema}.read_users ADD COLUMN personal_data_erased_at bigint',
  },
  {
    version: 3,
    // A user may be erased before Mangopay's user is ever seen (personal data in their documents' streams): the
    // erasure is kept here and carried into the user's row when the user is registered.
    description: "KYC read model: erasures of users not (yet) seen at Mangopay",
    sql: 'CREATE TABLE {schema}.read_user_erasures (user_id text PRIMARY KEY, erased_at bigint NOT NULL)',
  },
  {
    version: 4,
    // Flags recorded before this version show once the read model is rebuilt (`kyc projections rebuild`).
    description: "KYC read model: documents' Flags (a JSON array)",
    sql: `ALTER TABLE {schema}.read_kyc_documents ADD COLUMN flags text NOT NULL DEFAULT '[]'`,
  },
];

export const READ_MODEL_TABLES = [
  'read_kyc_documents',
  'read_idv_sessions',
  'read_users',
  'read_user_counted_documents',
  'read_user_counted_sessions',
  'read_user_erasures',
] as const;
