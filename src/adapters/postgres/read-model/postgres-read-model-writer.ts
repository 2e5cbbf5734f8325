import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import type { KycReadModelWriter } from '../../../application/ports/kyc-read-model-writer.js';
import type { CountingChange, ReadModelChange } from '../../../application/ports/read-model-change.js';
import { readModelUnavailable } from '../../../application/ports/read-model-errors.js';
import { profileColumns, refusedReasonColumns } from '../../../application/read-models/stored-rows.js';
import { describeCause } from '../../shared/event-store/index.js';
import { foldDocumentChanges, type FoldedDocument } from '../../shared/read-model/document-batch-fold.js';
import { quoteSchema } from '../schema/postgres-schema-migrations.js';
import { DOCUMENT_COARSE_COUNTS_TABLE, DOCUMENT_COUNTS_TABLE, READ_MODEL_TABLES } from '../schema/read-model-migrations.js';
import { idDigest } from '../../../domain/shared/id-digest.js';

/**
 * Executes the read model's changes on the checkpoint store's connection, inside its transaction. Statements
 * are named, so each is prepared once per connection.
 */
export const postgresReadModelWriter = (schema: string): KycReadModelWriter<pg.PoolClient> => {
  const s = quoteSchema(schema);
  const named = (text: string) => {
    // PostgreSQL cuts statement names at 63 bytes: a digest of the text (which names the schema) stays short and unique.
    const name = `kyc-read-model-${idDigest(text).slice(0, 24)}`;
    return (values: ReadonlyArray<unknown>): pg.QueryConfig => ({ name, text, values: [...values] });
  };
  const insertDocument = named(
    `INSERT INTO ${s}.read_kyc_documents (document_id, user_id, document_type, status, tag, creation_date, processed_date,
       refused_reason_type, refused_reason_unrecognized, page_count, diverged, stream_version, flags)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (document_id) DO NOTHING`,
  );
  const changeDocument = named(
    `UPDATE ${s}.read_kyc_documents SET
       status = COALESCE($3::text, status),
       tag = COALESCE($4::text, tag),
       processed_date = CASE WHEN $5::boolean THEN $6::bigint ELSE processed_date END,
       refused_reason_type = CASE WHEN $7::boolean THEN $8::text ELSE refused_reason_type END,
       refused_reason_unrecognized = CASE WHEN $7::boolean THEN $9::text ELSE refused_reason_unrecognized END,
       page_count = page_count + $10::integer,
       diverged = COALESCE($11::boolean, diverged),
       flags = COALESCE($12::text, flags),
       stream_version = $2::integer
     WHERE document_id = $1 AND stream_version < $2::integer`,
  );
  // A batch's documents in one statement each way (issue 18); the rows a statement leaves alone (present already,
  // or newer than the batch's first change) are replayed change by change, so the guards decide exactly as before.
  const insertDocuments = named(
    `INSERT INTO ${s}.read_kyc_documents (document_id, user_id, document_type, status, tag, creation_date, processed_date,
       refused_reason_type, refused_reason_unrecognized, page_count, diverged, stream_version, flags)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::text[],
       $10::integer[], $11::boolean[], $12::integer[], $13::text[])
     ON CONFLICT (document_id) DO NOTHING RETURNING document_id`,
  );
  const patchDocuments = named(
    `UPDATE ${s}.read_kyc_documents d SET
       status = COALESCE(v.status, d.status),
       tag = COALESCE(v.tag, d.tag),
       processed_date = CASE WHEN v.set_processed THEN v.processed_date ELSE d.processed_date END,
       refused_reason_type = CASE WHEN v.set_reason THEN v.reason_known ELSE d.refused_reason_type END,
       refused_reason_unrecognized = CASE WHEN v.set_reason THEN v.reason_unrecognized ELSE d.refused_reason_unrecognized END,
       page_count = d.page_count + v.added_pages,
       diverged = COALESCE(v.diverged, d.diverged),
       flags = COALESCE(v.flags, d.flags),
       stream_version = v.last_version
     FROM unnest($1::text[], $2::integer[], $3::integer[], $4::text[], $5::text[], $6::boolean[], $7::bigint[], $8::boolean[], $9::text[],
       $10::text[], $11::integer[], $12::boolean[], $13::text[])
       AS v(document_id, first_version, last_version, status, tag, set_processed, processed_date, set_reason, reason_known,
         reason_unrecognized, added_pages, diverged, flags)
     WHERE d.document_id = v.document_id AND d.stream_version < v.first_version
     RETURNING d.document_id`,
  );
  const insertSession = named(
    `INSERT INTO ${s}.read_idv_sessions (session_id, user_id, status, tag, creation_date, diverged, stream_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (session_id) DO NOTHING`,
  );
  const changeSession = named(
    `UPDATE ${s}.read_idv_sessions SET status = COALESCE($3::text, status), diverged = COALESCE($4::boolean, diverged), stream_version = $2::integer
     WHERE session_id = $1 AND stream_version < $2::integer`,
  );
  const insertUser = named(
    `INSERT INTO ${s}.read_users (user_id, person_type, legal_person_type, user_category, kyc_level, stream_version, personal_data_erased_at)
     VALUES ($1, $2, $3, $4, $5, $6, (SELECT erased_at FROM ${s}.read_user_erasures WHERE user_id = $1)) ON CONFLICT (user_id) DO NOTHING`,
  );
  const recordErasure = named(`INSERT INTO ${s}.read_user_erasures (user_id, erased_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`);
  const changeUser = named(
    `UPDATE ${s}.read_users SET
       person_type = CASE WHEN $3::boolean THEN $4::text ELSE person_type END,
       legal_person_type = CASE WHEN $3::boolean THEN $5::text ELSE legal_person_type END,
       user_category = CASE WHEN $3::boolean THEN $6::text ELSE user_category END,
       kyc_level = COALESCE($7::text, kyc_level),
       personal_data_erased_at = COALESCE($8::bigint, personal_data_erased_at),
       stream_version = $2::integer
     WHERE user_id = $1 AND stream_version < $2::integer`,
  );
  const countDocument = named(
    `INSERT INTO ${s}.read_user_counted_documents (user_id, document_id, document_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
  );
  const uncountDocument = named(`DELETE FROM ${s}.read_user_counted_documents WHERE user_id = $1 AND document_id = $2`);
  const countSession = named(`INSERT INTO ${s}.read_user_counted_sessions (user_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`);
  const uncountSession = named(`DELETE FROM ${s}.read_user_counted_sessions WHERE user_id = $1 AND session_id = $2`);
  const countUboDeclaration = named(`INSERT INTO ${s}.read_user_validated_ubo_declarations (user_id, declaration_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`);
  const uncountUboDeclaration = named(`DELETE FROM ${s}.read_user_validated_ubo_declarations WHERE user_id = $1 AND declaration_id = $2`);
  // TRUNCATE fires no DELETE trigger: the counts the triggers keep go with the documents.
  const clearAll = `TRUNCATE ${[...READ_MODEL_TABLES, DOCUMENT_COUNTS_TABLE, DOCUMENT_COARSE_COUNTS_TABLE].map((table) => `${s}.${table}`).join(', ')}`;

  const counting = (userId: string, change: CountingChange): pg.QueryConfig => {
    switch (change.kind) {
      case 'count-document':
        return countDocument([userId, change.documentId, change.documentType]);
      case 'uncount-document':
        return uncountDocument([userId, change.documentId]);
      case 'count-session':
        return countSession([userId, change.sessionId]);
      case 'uncount-session':
        return uncountSession([userId, change.sessionId]);
      case 'count-ubo-declaration':
        return countUboDeclaration([userId, change.declarationId]);
      case 'uncount-ubo-declaration':
        return uncountUboDeclaration([userId, change.declarationId]);
    }
  };

  const execute = async (client: pg.PoolClient, change: ReadModelChange): Promise<void> => {
    switch (change.kind) {
      case 'document-created': {
        const { document: d } = change;
        const reason = refusedReasonColumns(d.refusedReasonType);
        await client.query(
          insertDocument([
            d.documentId,
            d.userId,
            d.type,
            d.status,
            d.tag,
            d.creationDate,
            d.processedDate,
            reason.known,
            reason.unrecognized,
            d.pageCount,
            d.diverged,
            change.version,
            JSON.stringify(d.flags),
          ]),
        );
        return;
      }
      case 'document-changed': {
        const { patch } = change;
        const reason = refusedReasonColumns(patch.refusedReasonType ?? null);
        await client.query(
          changeDocument([
            change.documentId,
            change.version,
            patch.status ?? null,
            patch.tag ?? null,
            patch.processedDate !== undefined,
            patch.processedDate ?? null,
            patch.refusedReasonType !== undefined,
            reason.known,
            reason.unrecognized,
            patch.addedPages ?? 0,
            patch.diverged ?? null,
            patch.flags === undefined ? null : JSON.stringify(patch.flags),
          ]),
        );
        return;
      }
      case 'session-started': {
        const { session: x } = change;
        await client.query(insertSession([x.sessionId, x.userId, x.status, x.tag, x.creationDate, x.diverged, change.version]));
        return;
      }
      case 'session-changed':
        await client.query(changeSession([change.sessionId, change.version, change.patch.status ?? null, change.patch.diverged ?? null]));
        return;
      case 'user-registered': {
        const profile = profileColumns(change.user.profile);
        await client.query(
          insertUser([change.user.userId, profile.personType, profile.legalPersonType, profile.userCategory, change.user.kycLevel, change.version]),
        );
        return;
      }
      case 'user-changed': {
        const profile = change.patch.profile === undefined ? undefined : profileColumns(change.patch.profile);
        const moved = await client.query(
          changeUser([
            change.userId,
            change.version,
            profile !== undefined,
            profile?.personType ?? null,
            profile?.legalPersonType ?? null,
            profile?.userCategory ?? null,
            change.patch.kycLevel ?? null,
            change.patch.personalDataErasedAt ?? null,
          ]),
        );
        // The user row's version guards the counted documents and sessions too.
        if (moved.rowCount === 1 && change.counting !== undefined) await client.query(counting(change.userId, change.counting));
        if (change.patch.personalDataErasedAt !== undefined) await client.query(recordErasure([change.userId, change.patch.personalDataErasedAt]));
        return;
      }
    }
  };

  /** The documents the statement did not write, whose changes are then executed one by one. */
  const untouched = async (
    client: pg.PoolClient,
    folded: ReadonlyArray<FoldedDocument & { readonly kind: 'insert' | 'patch' }>,
    statement: (values: ReadonlyArray<unknown>) => pg.QueryConfig,
    columns: ReadonlyArray<ReadonlyArray<unknown>>,
  ): Promise<ReadonlyArray<FoldedDocument>> => {
    if (folded.length === 0) return [];
    const written = await client.query<{ document_id: string }>(statement(columns));
    const ids = new Set(written.rows.map((row) => row.document_id));
    return folded.filter((each) => !ids.has(each.kind === 'insert' ? each.document.documentId : each.documentId));
  };

  const applyDocuments = async (client: pg.PoolClient, documents: ReadonlyArray<FoldedDocument>): Promise<void> => {
    const inserts = documents.filter((each) => each.kind === 'insert');
    const patches = documents.filter((each) => each.kind === 'patch');
    const inOrder = documents.filter((each) => each.kind === 'in-order');
    const reasons = inserts.map((each) => refusedReasonColumns(each.document.refusedReasonType));
    const notInserted = await untouched(client, inserts, insertDocuments, [
      inserts.map((each) => each.document.documentId),
      inserts.map((each) => each.document.userId),
      inserts.map((each) => each.document.type),
      inserts.map((each) => each.document.status),
      inserts.map((each) => each.document.tag),
      inserts.map((each) => each.document.creationDate),
      inserts.map((each) => each.document.processedDate),
      reasons.map((reason) => reason.known),
      reasons.map((reason) => reason.unrecognized),
      inserts.map((each) => each.document.pageCount),
      inserts.map((each) => each.document.diverged),
      inserts.map((each) => each.version),
      inserts.map((each) => JSON.stringify(each.document.flags)),
    ]);
    const patchReasons = patches.map((each) => refusedReasonColumns(each.patch.refusedReasonType ?? null));
    const notPatched = await untouched(client, patches, patchDocuments, [
      patches.map((each) => each.documentId),
      patches.map((each) => each.firstVersion),
      patches.map((each) => each.version),
      patches.map((each) => each.patch.status ?? null),
      patches.map((each) => each.patch.tag ?? null),
      patches.map((each) => each.patch.processedDate !== undefined),
      patches.map((each) => each.patch.processedDate ?? null),
      patches.map((each) => each.patch.refusedReasonType !== undefined),
      patchReasons.map((reason) => reason.known),
      patchReasons.map((reason) => reason.unrecognized),
      patches.map((each) => each.patch.addedPages ?? 0),
      patches.map((each) => each.patch.diverged ?? null),
      patches.map((each) => (each.patch.flags === undefined ? null : JSON.stringify(each.patch.flags))),
    ]);
    for (const each of [...notInserted, ...notPatched, ...inOrder]) for (const change of each.changes) await execute(client, change);
  };

  return {
    apply: (changes, client) => async () => {
      try {
        // Documents touch only their own table (and its counts): written apart from the others, each table's order kept.
        const { documents, others } = foldDocumentChanges(changes);
        await applyDocuments(client, documents);
        for (const change of others) await execute(client, change);
        return E.right(undefined);
      } catch (error) {
        return E.left(readModelUnavailable(`PostgreSQL read model update failed (${describeCause(error)})`));
      }
    },
    clear: (client) => async () => {
      try {
        await client.query(clearAll);
        return E.right(undefined);
      } catch (error) {
        return E.left(readModelUnavailable(`PostgreSQL read model clear failed (${describeCause(error)})`));
      }
    },
  };
};
