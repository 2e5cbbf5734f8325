import * as t from 'io-ts';
import { KycDocumentRefusedReasonType, KycDocumentType } from '../../domain/kyc-document/index.js';
import { MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { recognized } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import { KycLevel, UserProfile } from '../../domain/user-kyc/index.js';

/**
 * The few fields of each event the read model needs, and only those: personal fields (refusal messages,
 * check data, …) may be encrypted or erased in the store, so they are never decoded here. The codecs are
 * not exact on purpose: every other field of the event is ignored, whatever it holds.
 */
const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.undefined]);

export const DocumentCreatedFields = t.type({
  documentId: MangopayId,
  userId: MangopayId,
  documentType: KycDocumentType,
  creationDate: UnixTimestamp,
  tag: optional(Tag),
});

export const DocumentFields = t.type({ documentId: MangopayId });

export const DocumentSubmittedFields = t.type({ documentId: MangopayId, tag: optional(Tag) });

/** A validation's, and an out-of-date step's (which carries the ProcessedDate Mangopay still shows). */
export const DocumentValidatedFields = t.type({ documentId: MangopayId, processedDate: optional(UnixTimestamp) });

/** A refusal Mangopay showed without its reason type or date is recorded without them (with the anomaly). */
export const DocumentRefusedFields = t.type({
  documentId: MangopayId,
  refusedReasonType: optional(recognized(KycDocumentRefusedReasonType)),
  processedDate: optional(UnixTimestamp),
  flags: optional(t.readonlyArray(t.string)),
});

/** Mangopay's `Flags` (codes, not personal data), revised on an unchanged status. */
export const DocumentFlagsFields = t.type({ documentId: MangopayId, flags: t.readonlyArray(t.string) });

export const SessionStartedFields = t.type({
  sessionId: MangopayId,
  userId: MangopayId,
  creationDate: UnixTimestamp,
  tag: optional(Tag),
});

export const SessionFields = t.type({ sessionId: MangopayId });

export const UserRegisteredFields = t.type({ userId: MangopayId, user: UserProfile, kycLevel: KycLevel });

export const UserProfileChangedFields = t.type({ userId: MangopayId, user: UserProfile });

export const UserKycLevelChangedFields = t.type({ userId: MangopayId, to: KycLevel });

export const UserFields = t.type({ userId: MangopayId });

/** The erasure's date only: who asked and why are in the user's stream and its timeline. */
export const PersonalDataErasedFields = t.type({ userId: MangopayId, erasedAt: UnixTimestamp });

export const UserDocumentFields = t.type({ userId: MangopayId, documentId: MangopayId, documentType: KycDocumentType });

export const UserSessionFields = t.type({ userId: MangopayId, sessionId: MangopayId });

/** A UBO declaration's id and status: whether it is VALIDATED is all the read model keeps of it. */
export const UserUboDeclarationFields = t.type({ userId: MangopayId, declaration: t.type({ declarationId: MangopayId, status: t.unknown }) });
