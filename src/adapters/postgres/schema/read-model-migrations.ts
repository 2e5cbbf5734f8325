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
    // Lists at scale (issue 18): X-Number-Of-Items from maintained counts per (creation-date bucket of 2^16 s,
    // status, type), kept by triggers in the writing transaction (so a list reads its own writes), instead of a
    // count(*) over every matching row. Bulk statements (a rebuild's switch) count once per statement; a row's
    // update counts only when it moves the row to another bucket, status or type. The date index carries
    // status and type so deep pages can skip rows without visiting the table.
    description: 'KYC read model: document counts per date bucket, status and type; covering date index',
    sql: `
      CREATE TABLE {schema}.read_kyc_document_counts (
        bucket bigint NOT NULL,
        status text NOT NULL,
        document_type text NOT NULL,
        documents bigint NOT NULL,
        PRIMARY KEY (bucket, status, document_type)
      );
      INSERT INTO {schema}.read_kyc_document_counts (bucket, status, document_type, documents)
        SELECT creation_date >> 16, status, document_type, count(*) FROM {schema}.read_kyc_documents GROUP BY 1, 2, 3;
      CREATE FUNCTION {schema}.read_kyc_documents_counted_in() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO {schema}.read_kyc_document_counts AS c (bucket, status, document_type, documents)
          SELECT creation_date >> 16, status, document_type, count(*) FROM new_rows GROUP BY 1, 2, 3
          ON CONFLICT (bucket, status, document_type) DO UPDATE SET documents = c.documents + excluded.documents;
        RETURN NULL;
      END $$;
      CREATE FUNCTION {schema}.read_kyc_documents_counted_out() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO {schema}.read_kyc_document_counts AS c (bucket, status, document_type, documents)
          SELECT creation_date >> 16, status, document_type, -count(*) FROM old_rows GROUP BY 1, 2, 3
          ON CONFLICT (bucket, status, document_type) DO UPDATE SET documents = c.documents + excluded.documents;
        RETURN NULL;
      END $$;
      CREATE FUNCTION {schema}.read_kyc_documents_counted_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO {schema}.read_kyc_document_counts AS c (bucket, status, document_type, documents)
          VALUES (OLD.creation_date >> 16, OLD.status, OLD.document_type, -1), (NEW.creation_date >> 16, NEW.status, NEW.document_type, 1)
          ON CONFLICT (bucket, status, document_type) DO UPDATE SET documents = c.documents + excluded.documents;
        RETURN NULL;
      END $$;
      CREATE TRIGGER read_kyc_documents_count_inserts AFTER INSERT ON {schema}.read_kyc_documents
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {schema}.read_kyc_documents_counted_in();
      CREATE TRIGGER read_kyc_documents_count_deletes AFTER DELETE ON {schema}.read_kyc_documents
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {schema}.read_kyc_documents_counted_out();
      CREATE TRIGGER read_kyc_documents_count_moves AFTER UPDATE OF creation_date, status, document_type ON {schema}.read_kyc_documents
        FOR EACH ROW WHEN (OLD.creation_date >> 16 IS DISTINCT FROM NEW.creation_date >> 16 OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.document_type IS DISTINCT FROM NEW.document_type)
        EXECUTE FUNCTION {schema}.read_kyc_documents_counted_moved();
      DROP INDEX {schema}.read_kyc_documents_by_date;
      CREATE INDEX read_kyc_documents_by_date ON {schema}.read_kyc_documents (creation_date, document_id) INCLUDE (status, document_type);`,
  },
  {
    version: 5,
    // Flags recorded before this version show once the read model is rebuilt (`kyc projections rebuild`).
    description: "KYC read model: documents' Flags (a JSON array)",
    sql: `ALTER TABLE {schema}.read_kyc_documents ADD COLUMN flags text NOT NULL DEFAULT '[]'`,
  },
  {
    version: 6,
    // Lists at scale (issue 18): three years of dates are ~36,000 fine count rows, the floor of every unfiltered
    // list. A coarse level per (bucket >> 6, i.e. 2^22 s, status, type) is kept from the fine rows by a row trigger
    // on them (their upserts and TRUNCATE are the only writes), so the two levels agree by construction.
    description: 'KYC read model: document counts per coarse date bucket (2^22 s), status and type',
    sql: `
      CREATE TABLE {schema}.read_kyc_document_coarse_counts (
        coarse_bucket bigint NOT NULL,
        status text NOT NULL,
        document_type text NOT NULL,
        documents bigint NOT NULL,
        PRIMARY KEY (coarse_bucket, status, document_type)
      );
      INSERT INTO {schema}.read_kyc_document_coarse_counts (coarse_bucket, status, document_type, documents)
        SELECT bucket >> 6, status, document_type, sum(documents) FROM {schema}.read_kyc_document_counts GROUP BY 1, 2, 3;
      CREATE FUNCTION {schema}.read_kyc_document_counts_rolled_up() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO {schema}.read_kyc_document_coarse_counts AS c (coarse_bucket, status, document_type, documents)
            VALUES (OLD.bucket >> 6, OLD.status, OLD.document_type, -OLD.documents)
            ON CONFLICT (coarse_bucket, status, document_type) DO UPDATE SET documents = c.documents + excluded.documents;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO {schema}.read_kyc_document_coarse_counts AS c (coarse_bucket, status, document_type, documents)
            VALUES (NEW.bucket >> 6, NEW.status, NEW.document_type, NEW.documents)
            ON CONFLICT (coarse_bucket, status, document_type) DO UPDATE SET documents = c.documents + excluded.documents;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER read_kyc_document_counts_roll_up AFTER INSERT OR UPDATE OR DELETE ON {schema}.read_kyc_document_counts
        FOR EACH ROW EXECUTE FUNCTION {schema}.read_kyc_document_counts_rolled_up();`,
  },
  {
    version: 7,
    // UBO declarations (issue 13): a new event, so nothing recorded before this version is missing from it.
    description: "KYC read model: each user's validated UBO declarations",
    sql: `
      CREATE TABLE {schema}.read_user_validated_ubo_declarations (
        user_id text COLLATE "C" NOT NULL,
        declaration_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (user_id, declaration_id)
      );`,
  },
];

/** Kept by the triggers of migration 5 from read_kyc_document_counts: never copied on its own. */
export const DOCUMENT_COARSE_COUNTS_TABLE = 'read_kyc_document_coarse_counts';

/** Kept by the triggers of migration 4 from read_kyc_documents: never copied on its own. */
export const DOCUMENT_COUNTS_TABLE = 'read_kyc_document_counts';

export const READ_MODEL_TABLES = [
  'read_kyc_documents',
  'read_idv_sessions',
  'read_users',
  'read_user_counted_documents',
  'read_user_counted_sessions',
  'read_user_validated_ubo_declarations',
  'read_user_erasures',
] as const;
