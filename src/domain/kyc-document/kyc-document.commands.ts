import * as t from 'io-ts';
import { MangopayId, RefusedReasonMessage, Tag } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { recognized } from '../shared/recognized.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from './kyc-document.vocabulary.js';

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
  file: t.string,
});

/** Asks Mangopay to validate the document (PUT Status=VALIDATION_ASKED), optionally changing its Tag. */
export const SubmitKycDocument = struct(
  'SubmitKycDocument',
  { type: t.literal('SubmitKycDocument'), documentId: MangopayId },
  { tag: Tag },
);

/** What Mangopay says the document is now (from a re-fetch after a hook, or a reconcile sweep). */
export const ObserveKycDocumentStatus = struct(
  'ObserveKycDocumentStatus',
  {
    type: t.literal('ObserveKycDocumentStatus'),
    documentId: MangopayId,
    status: recognized(KycDocumentStatus),
  },
  {
    refusedReasonType: recognized(KycDocumentRefusedReasonType),
    refusedReasonMessage: RefusedReasonMessage,
    processedDate: UnixTimestamp,
  },
);

export const KycDocumentCommand = t.union(
  [CreateKycDocument, AddKycPage, SubmitKycDocument, ObserveKycDocumentStatus],
  'KycDocumentCommand',
);
export type KycDocumentCommand = t.TypeOf<typeof KycDocumentCommand>;
export type KycDocumentCommandType = KycDocumentCommand['type'];
export type CreateKycDocument = t.TypeOf<typeof CreateKycDocument>;
export type AddKycPage = t.TypeOf<typeof AddKycPage>;
export type SubmitKycDocument = t.TypeOf<typeof SubmitKycDocument>;
export type ObserveKycDocumentStatus = t.TypeOf<typeof ObserveKycDocumentStatus>;
