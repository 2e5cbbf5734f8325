import type { SqliteMigration } from './sqlite-schema-migrations.js';

/**
 * The KYC read model's tables. Each row keeps the version of the stream it was last changed by: the guard
 * that makes a replayed batch change nothing. The indexes follow the lists' order (CreationDate, then id).
 * Table names start with `read_` so the read model can share a file with the event store.
 */
export const readModelMigrations: ReadonlyArray<SqliteMigration> = [
  {
    version: 1,
    description: 'KYC read model: documents, IDV sessions, users and what counts towards REGULAR',
    sql: `
      CREATE TABLE read_kyc_documents (
        document_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        document_type TEXT NOT NULL,
        status TEXT NOT NULL,
        tag TEXT,
        creation_date INTEGER NOT NULL,
        processed_date INTEGER,
        refused_reason_type TEXT,
        refused_reason_unrecognized TEXT,
        page_count INTEGER NOT NULL,
        diverged INTEGER NOT NULL,
        stream_version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX read_kyc_documents_by_date ON read_kyc_documents (creation_date, document_id);
      CREATE INDEX read_kyc_documents_by_user ON read_kyc_documents (user_id, creation_date, document_id);
      CREATE TABLE read_idv_sessions (
        session_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        status TEXT NOT NULL,
        tag TEXT,
        creation_date INTEGER NOT NULL,
        diverged INTEGER NOT NULL,
        stream_version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX read_idv_sessions_by_user ON read_idv_sessions (user_id, creation_date, session_id);
      CREATE TABLE read_users (
        user_id TEXT PRIMARY KEY,
        person_type TEXT NOT NULL,
        legal_person_type TEXT,
        user_category TEXT NOT NULL,
        kyc_level TEXT NOT NULL,
        stream_version INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE read_user_counted_documents (
        user_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        document_type TEXT NOT NULL,
        PRIMARY KEY (user_id, document_id)
      ) STRICT;
      CREATE TABLE read_user_counted_sessions (
        user_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        PRIMARY KEY (user_id, session_id)
      ) STRICT;`,
  },
  {
    version: 2,
    // Erasures recorded before this version show once the read model is rebuilt (`kyc projections rebuild`).
    description: "KYC read model: when a user's personal data was erased",
    sql: 'ALTER TABLE read_users ADD COLUMN personal_data_erased_at INTEGER',
  },
  {
    version: 3,
    // A user may be erased before Mangopay's user is ever seen (personal data in their documents' streams): the
    // erasure is kept here and carried into the user's row when the user is registered.
    description: "KYC read model: erasures of users not (yet) seen at Mangopay",
    sql: 'CREATE TABLE read_user_erasures (user_id TEXT PRIMARY KEY, erased_at INTEGER NOT NULL) STRICT',
  },
  {
    version: 4,
    // Lists at scale (issue 18): X-Number-Of-Items from maintained counts per (creation-date bucket of 2^16 s,
    // status, type), kept by triggers in the writing transaction, instead of a count over every matching row.
    // The date index also covers status and type so deep pages skip rows without visiting the table.
    description: 'KYC read model: document counts per date bucket, status and type; covering date index',
    sql: `
      CREATE TABLE read_kyc_document_counts (
        bucket INTEGER NOT NULL,
        status TEXT NOT NULL,
        document_type TEXT NOT NULL,
        documents INTEGER NOT NULL,
        PRIMARY KEY (bucket, status, document_type)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO read_kyc_document_counts (bucket, status, document_type, documents)
        SELECT creation_date >> 16, status, document_type, count(*) FROM read_kyc_documents GROUP BY 1, 2, 3;
      CREATE TRIGGER read_kyc_documents_count_inserts AFTER INSERT ON read_kyc_documents BEGIN
        INSERT INTO read_kyc_document_counts (bucket, status, document_type, documents) VALUES (NEW.creation_date >> 16, NEW.status, NEW.document_type, 1)
          ON CONFLICT (bucket, status, document_type) DO UPDATE SET documents = documents + 1;
      END;
      CREATE TRIGGER read_kyc_documents_count_deletes AFTER DELETE ON read_kyc_documents BEGIN
        UPDATE read_kyc_document_counts SET documents = documents - 1
          WHERE bucket = OLD.creation_date >> 16 AND status = OLD.status AND document_type = OLD.document_type;
      END;
      CREATE TRIGGER read_kyc_documents_count_moves AFTER UPDATE OF creation_date, status, document_type ON read_kyc_documents
        WHEN OLD.creation_date >> 16 IS NOT NEW.creation_date >> 16 OR OLD.status IS NOT NEW.status OR OLD.document_type IS NOT NEW.document_type BEGIN
        UPDATE read_kyc_document_counts SET documents = documents - 1
          WHERE bucket = OLD.creation_date >> 16 AND status = OLD.status AND document_type = OLD.document_type;
        INSERT INTO read_kyc_document_counts (bucket, status, document_type, documents) VALUES (NEW.creation_date >> 16, NEW.status, NEW.document_type, 1)
          ON CONFLICT (bucket, status, document_type) DO UPDATE SET documents = documents + 1;
      END;
      DROP INDEX read_kyc_documents_by_date;
      CREATE INDEX read_kyc_documents_by_date ON read_kyc_documents (creation_date, document_id, status, document_type);`,
  },
  {
    version: 5,
    // Flags recorded before this version show once the read model is rebuilt (`kyc projections rebuild`).
    description: "KYC read model: documents' Flags (a JSON array)",
    sql: `ALTER TABLE read_kyc_documents ADD COLUMN flags TEXT NOT NULL DEFAULT '[]'`,
  },
  {
    version: 6,
    // Lists at scale (issue 18): three years of dates are ~36,000 fine count rows, the floor of every unfiltered
    // list. A coarse level per (bucket >> 6, i.e. 2^22 s, status, type) is kept from the fine rows by triggers on
    // them, so the two levels agree by construction.
    description: 'KYC read model: document counts per coarse date bucket (2^22 s), status and type',
    sql: `
      CREATE TABLE read_kyc_document_coarse_counts (
        coarse_bucket INTEGER NOT NULL,
        status TEXT NOT NULL,
        document_type TEXT NOT NULL,
        documents INTEGER NOT NULL,
        PRIMARY KEY (coarse_bucket, status, document_type)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO read_kyc_document_coarse_counts (coarse_bucket, status, document_type, documents)
        SELECT bucket >> 6, status, document_type, sum(documents) FROM read_kyc_document_counts GROUP BY 1, 2, 3;
      CREATE TRIGGER read_kyc_document_counts_roll_up_inserts AFTER INSERT ON read_kyc_document_counts BEGIN
        INSERT INTO read_kyc_document_coarse_counts (coarse_bucket, status, document_type, documents) VALUES (NEW.bucket >> 6, NEW.status, NEW.document_type, NEW.documents)
          ON CONFLICT (coarse_bucket, status, document_type) DO UPDATE SET documents = documents + excluded.documents;
      END;
      CREATE TRIGGER read_kyc_document_counts_roll_up_updates AFTER UPDATE ON read_kyc_document_counts BEGIN
        UPDATE read_kyc_document_coarse_counts SET documents = documents - OLD.documents
          WHERE coarse_bucket = OLD.bucket >> 6 AND status = OLD.status AND document_type = OLD.document_type;
        INSERT INTO read_kyc_document_coarse_counts (coarse_bucket, status, document_type, documents) VALUES (NEW.bucket >> 6, NEW.status, NEW.document_type, NEW.documents)
          ON CONFLICT (coarse_bucket, status, document_type) DO UPDATE SET documents = documents + excluded.documents;
      END;
      CREATE TRIGGER read_kyc_document_counts_roll_up_deletes AFTER DELETE ON read_kyc_document_counts BEGIN
        UPDATE read_kyc_document_coarse_counts SET documents = documents - OLD.documents
          WHERE coarse_bucket = OLD.bucket >> 6 AND status = OLD.status AND document_type = OLD.document_type;
      END;`,
  },
  {
    version: 7,
    // UBO declarations (issue 13): a new event, so nothing recorded before this version is missing from it.
    description: "KYC read model: each user's validated UBO declarations",
    sql: `
      CREATE TABLE read_user_validated_ubo_declarations (
        user_id TEXT NOT NULL,
        declaration_id TEXT NOT NULL,
        PRIMARY KEY (user_id, declaration_id)
      ) STRICT;`,
  },
];

export const READ_MODEL_TABLES = [
  'read_kyc_documents',
  'read_idv_sessions',
  'read_users',
  'read_user_counted_documents',
  'read_user_counted_sessions',
  'read_user_validated_ubo_declarations',
  'read_user_erasures',
] as const;
