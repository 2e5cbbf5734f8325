import * as t from 'io-ts';
import { MangopayId, RefusedReasonMessage, Tag } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { recognized } from '../shared/recognized.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { KycDocumentFlags, KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from './kyc-document.vocabulary.js';

/** Records a document Mangopay has created (POST /users/{UserId}/kyc/documents/ answered with its Id and CreationDate). */
export const CreateKycDocument = struct(
  'CreateKycDocument',
  {
    type: t.literal('CreateKycDocument'),
    documentId: MangopayId,
    userId: MangopayId,
    documentType: KycDocumentType,
    creationDate: UnixTimestamp,
  },
  { tag: Tag },
);

/** Adds a page: `file` is Mangopay's `File`, plain base64. Only its fingerprint is ever recorded. */
export const AddKycPage = struct('AddKycPage', {
  type: t.literal('AddKycPage'),
  documentId: MangopayId,
  /** The user the platform says the document is of: another user's document is refused as not found. */
  userId: MangopayId,
  file: t.string,
});

/** Asks Mangopay to validate the document (PUT Status=VALIDATION_ASKED), optionally changing its Tag. */
export const SubmitKycDocument = struct(
  'SubmitKycDocument',
  { type: t.literal('SubmitKycDocument'), documentId: MangopayId, userId: MangopayId },
  { tag: Tag },
);

/**
 * The document as Mangopay shows it now (its answer to a platform command, a re-fetch after a hook, a sweep):
 * every field of the view. It records the document if this core has not yet, then the legal steps to the
 * observed status, each carrying what the view shows (ProcessedDate, refusal type and message).
 */
export const ObserveKycDocument = struct(
  'ObserveKycDocument',
  {
    type: t.literal('ObserveKycDocument'),
    documentId: MangopayId,
    userId: MangopayId,
    documentType: KycDocumentType,
    creationDate: UnixTimestamp,
    status: recognized(KycDocumentStatus),
  },
  {
    tag: Tag,
    refusedReasonType: recognized(KycDocumentRefusedReasonType),
    refusedReasonMessage: RefusedReasonMessage,
    processedDate: UnixTimestamp,
    /** Mangopay's `Flags`, in its order: absent when it shows none. */
    flags: KycDocumentFlags,
  },
);

export const KycDocumentCommand = t.union(
  [CreateKycDocument, AddKycPage, SubmitKycDocument, ObserveKycDocument],
  'KycDocumentCommand',
);
export type KycDocumentCommand = t.TypeOf<typeof KycDocumentCommand>;
export type KycDocumentCommandType = KycDocumentCommand['type'];
export type CreateKycDocument = t.TypeOf<typeof CreateKycDocument>;
export type AddKycPage = t.TypeOf<typeof AddKycPage>;
export type SubmitKycDocument = t.TypeOf<typeof SubmitKycDocument>;
export type ObserveKycDocument = t.TypeOf<typeof ObserveKycDocument>;
