import type { Database } from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { KycReadModelWriter } from '../../../application/ports/kyc-read-model-writer.js';
import type { DocumentSummary } from '../../../application/ports/kyc-read-model.js';
import type { CountingChange, DocumentPatch, ReadModelChange } from '../../../application/ports/read-model-change.js';
import { profileColumns, refusedReasonColumns } from '../../../application/read-models/stored-rows.js';
import { foldDocumentChanges, type FoldedDocument } from '../../shared/read-model/document-batch-fold.js';
import type { SqliteUnitOfWork } from '../checkpoint-store/index.js';
import { READ_MODEL_TABLES } from '../schema/read-model-migrations.js';

/** better-sqlite3 binds no booleans: flags travel as 1/0, "keep" as NULL. */
const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

/**
 * Writes the read model's changes on the read model's connection: a batch is queued on the checkpoint store's
 * unit of work and executed there, synchronously, in one go with the checkpoint move.
 */
export const sqliteReadModelWriter = (database: Database): KycReadModelWriter<SqliteUnitOfWork> => {
  const insertDocument = database.prepare(
    `INSERT INTO read_kyc_documents (document_id, user_id, document_type, status, tag, creation_date, processed_date,
       refused_reason_type, refused_reason_unrecognized, flags, page_count, diverged, stream_version)
     VALUES (@documentId, @userId, @documentType, @status, @tag, @creationDate, @processedDate,
       @refusedReasonType, @refusedReasonUnrecognized, @flags, @pageCount, @diverged, @version)
     ON CONFLICT (document_id) DO NOTHING`,
  );
  const changeDocument = database.prepare(
    `UPDATE read_kyc_documents SET
       status = COALESCE(@status, status),
       tag = COALESCE(@tag, tag),
       processed_date = CASE WHEN @setProcessedDate THEN @processedDate ELSE processed_date END,
       refused_reason_type = CASE WHEN @setRefusedReason THEN @refusedReasonType ELSE refused_reason_type END,
       refused_reason_unrecognized = CASE WHEN @setRefusedReason THEN @refusedReasonUnrecognized ELSE refused_reason_unrecognized END,
       flags = COALESCE(@flags, flags),
       page_count = page_count + @addedPages,
       diverged = COALESCE(@diverged, diverged),
       stream_version = @version
     WHERE document_id = @documentId AND stream_version < @firstVersion`,
  );
  const insertSession = database.prepare(
    `INSERT INTO read_idv_sessions (session_id, user_id, status, tag, creation_date, diverged, stream_version)
     VALUES (@sessionId, @userId, @status, @tag, @creationDate, @diverged, @version)
     ON CONFLICT (session_id) DO NOTHING`,
  );
  const changeSession = database.prepare(
    `UPDATE read_idv_sessions SET status = COALESCE(@status, status), diverged = COALESCE(@diverged, diverged), stream_version = @version
     WHERE session_id = @sessionId AND stream_version < @version`,
  );
  const insertUser = database.prepare(
    `INSERT INTO read_users (user_id, person_type, legal_person_type, user_category, kyc_level, stream_version, personal_data_erased_at)
     VALUES (@userId, @personType, @legalPersonType, @userCategory, @kycLevel, @version,
       (SELECT erased_at FROM read_user_erasures WHERE user_id = @userId))
     ON CONFLICT (user_id) DO NOTHING`,
  );
  // The user's row shows the erasure; this table remembers it for a user erased before being registered.
  const recordErasure = database.prepare('INSERT INTO read_user_erasures (user_id, erased_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING');
  const changeUser = database.prepare(
    `UPDATE read_users SET
       person_type = CASE WHEN @setProfile THEN @personType ELSE person_type END,
       legal_person_type = CASE WHEN @setProfile THEN @legalPersonType ELSE legal_person_type END,
       user_category = CASE WHEN @setProfile THEN @userCategory ELSE user_category END,
       kyc_level = COALESCE(@kycLevel, kyc_level),
       personal_data_erased_at = COALESCE(@personalDataErasedAt, personal_data_erased_at),
       stream_version = @version
     WHERE user_id = @userId AND stream_version < @version`,
  );
  const countDocument = database.prepare(
    'INSERT INTO read_user_counted_documents (user_id, document_id, document_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const uncountDocument = database.prepare('DELETE FROM read_user_counted_documents WHERE user_id = ? AND document_id = ?');
  const countSession = database.prepare('INSERT INTO read_user_counted_sessions (user_id, session_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const uncountSession = database.prepare('DELETE FROM read_user_counted_sessions WHERE user_id = ? AND session_id = ?');
  const countUboDeclaration = database.prepare('INSERT INTO read_user_validated_ubo_declarations (user_id, declaration_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const uncountUboDeclaration = database.prepare('DELETE FROM read_user_validated_ubo_declarations WHERE user_id = ? AND declaration_id = ?');
  const clearAll = READ_MODEL_TABLES.map((table) => database.prepare(`DELETE FROM ${table}`));

  const count = (userId: string, counting: CountingChange): void => {
    switch (counting.kind) {
      case 'count-document':
        countDocument.run(userId, counting.documentId, counting.documentType);
        return;
      case 'uncount-document':
        uncountDocument.run(userId, counting.documentId);
        return;
      case 'count-session':
        countSession.run(userId, counting.sessionId);
        return;
      case 'uncount-session':
        uncountSession.run(userId, counting.sessionId);
        return;
      case 'count-ubo-declaration':
        countUboDeclaration.run(userId, counting.declarationId);
        return;
      case 'uncount-ubo-declaration':
        uncountUboDeclaration.run(userId, counting.declarationId);
        return;
    }
  };

  const documentRow = (d: DocumentSummary, version: number) => {
    const reason = refusedReasonColumns(d.refusedReasonType);
    return {
      documentId: d.documentId,
      userId: d.userId,
      documentType: d.type,
      status: d.status,
      tag: d.tag,
      creationDate: d.creationDate,
      processedDate: d.processedDate,
      refusedReasonType: reason.known,
      refusedReasonUnrecognized: reason.unrecognized,
      flags: JSON.stringify(d.flags),
      pageCount: d.pageCount,
      diverged: flag(d.diverged),
      version,
    };
  };
  /** The row moves to `version` only if it is older than `firstVersion`. */
  const patchRow = (documentId: string, firstVersion: number, version: number, patch: DocumentPatch) => {
    const reason = refusedReasonColumns(patch.refusedReasonType ?? null);
    return {
      documentId,
      firstVersion,
      version,
      status: patch.status ?? null,
      tag: patch.tag ?? null,
      setProcessedDate: flag(patch.processedDate !== undefined),
      processedDate: patch.processedDate ?? null,
      setRefusedReason: flag(patch.refusedReasonType !== undefined),
      refusedReasonType: reason.known,
      refusedReasonUnrecognized: reason.unrecognized,
      flags: patch.flags === undefined ? null : JSON.stringify(patch.flags),
      addedPages: patch.addedPages ?? 0,
      diverged: flag(patch.diverged),
    };
  };

  // One write per document per batch (issue 18); a row the write leaves alone (present already, or newer than the
  // batch's first change: a batch delivered again) replays change by change, so the guards decide as before.
  const writeDocument = (folded: FoldedDocument): void => {
    const written =
      folded.kind === 'insert'
        ? insertDocument.run(documentRow(folded.document, folded.version)).changes
        : folded.kind === 'patch'
          ? changeDocument.run(patchRow(folded.documentId, folded.firstVersion, folded.version, folded.patch)).changes
          : 0;
    if (written === 0) for (const change of folded.changes) execute(change);
  };

  const execute = (change: ReadModelChange): void => {
    switch (change.kind) {
      case 'document-created':
        insertDocument.run(documentRow(change.document, change.version));
        return;
      case 'document-changed':
        changeDocument.run(patchRow(change.documentId, change.version, change.version, change.patch));
        return;
      case 'session-started': {
        const { session: s } = change;
        insertSession.run({
          sessionId: s.sessionId,
          userId: s.userId,
          status: s.status,
          tag: s.tag,
          creationDate: s.creationDate,
          diverged: flag(s.diverged),
          version: change.version,
        });
        return;
      }
      case 'session-changed':
        changeSession.run({
          sessionId: change.sessionId,
          version: change.version,
          status: change.patch.status ?? null,
          diverged: flag(change.patch.diverged),
        });
        return;
      case 'user-registered':
        insertUser.run({ userId: change.user.userId, ...profileColumns(change.user.profile), kycLevel: change.user.kycLevel, version: change.version });
        return;
      case 'user-changed': {
        const { patch } = change;
        const profile = patch.profile === undefined ? undefined : profileColumns(patch.profile);
        const moved = changeUser.run({
          userId: change.userId,
          version: change.version,
          setProfile: flag(profile !== undefined),
          personType: profile?.personType ?? null,
          legalPersonType: profile?.legalPersonType ?? null,
          userCategory: profile?.userCategory ?? null,
          kycLevel: patch.kycLevel ?? null,
          personalDataErasedAt: patch.personalDataErasedAt ?? null,
        });
        // The user row's version guards the counted documents and sessions too.
        if (moved.changes === 1 && change.counting !== undefined) count(change.userId, change.counting);
        if (patch.personalDataErasedAt !== undefined) recordErasure.run(change.userId, patch.personalDataErasedAt);
        return;
      }
    }
  };

  return {
    // A statement that throws rolls back the batch and its checkpoint move; the runner tries the batch again.
    apply: (changes, unit) => async () => {
      unit.defer(() => {
        // Documents touch only their own table (and its counts): written apart from the others, each table's order kept.
        const { documents, others } = foldDocumentChanges(changes);
        for (const folded of documents) writeDocument(folded);
        for (const change of others) execute(change);
      });
      return E.right(undefined);
    },
    clear: (unit) => async () => {
      unit.defer(() => {
        for (const statement of clearAll) statement.run();
      });
      return E.right(undefined);
    },
  };
};
