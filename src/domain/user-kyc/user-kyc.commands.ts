import * as t from 'io-ts';
import { MangopayId } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { recognized } from '../shared/recognized.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { IdvSessionStatus } from '../idv-session/idv-session.vocabulary.js';
import { KycDocumentStatus, KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import { ErasureReason, OperatorId } from './personal-data-erasure.js';
import { RetentionYears } from './personal-data-retention.js';
import { KycLevel } from './user-kyc.vocabulary.js';
import { UserProfile } from '../shared/user-profile.js';
import { UboDeclarationRecord } from './ubo-declaration.js';

/** What Mangopay says the user is now (GET /users/{Id}, after a USER_KYC_* hook or on first sight). */
export const ObserveUser = struct('ObserveUser', {
  type: t.literal('ObserveUser'),
  userId: MangopayId,
  user: UserProfile,
  kycLevel: recognized(KycLevel),
});

/** A document of this user reached a status (fed from the KycDocument streams). */
export const RecordKycDocumentStatus = struct('RecordKycDocumentStatus', {
  type: t.literal('RecordKycDocumentStatus'),
  userId: MangopayId,
  documentId: MangopayId,
  documentType: KycDocumentType,
  status: KycDocumentStatus,
});

/** An IDV session of this user reached a status (fed from the IdvSession streams). */
export const RecordIdvSessionStatus = struct('RecordIdvSessionStatus', {
  type: t.literal('RecordIdvSessionStatus'),
  userId: MangopayId,
  sessionId: MangopayId,
  status: IdvSessionStatus,
});

/**
 * The user's UBO declarations as Mangopay lists them now (GET users/{Id}/kyc/ubodeclarations, after a
 * UBO_DECLARATION_* hook or in the sweep): each one that changed since it was last recorded is recorded.
 */
export const ObserveUboDeclarations = struct('ObserveUboDeclarations', {
  type: t.literal('ObserveUboDeclarations'),
  userId: MangopayId,
  declarations: t.readonlyArray(UboDeclarationRecord),
});

/**
 * Destroys the user's personal data (their key): allowed once the retention period after `lastActivityAt`
 * is over, or when `forced`. The application supplies the dates; the rule is judged here.
 */
export const ErasePersonalData = struct(
  'ErasePersonalData',
  {
    type: t.literal('ErasePersonalData'),
    userId: MangopayId,
    requestedAt: UnixTimestamp,
    erasedBy: OperatorId,
    reason: ErasureReason,
    forced: t.boolean,
    retentionYears: RetentionYears,
  },
  // Absent when nothing about the user was ever recorded: no record, nothing to retain.
  { lastActivityAt: UnixTimestamp },
);

export const UserKycCommand = t.union(
  [ObserveUser, RecordKycDocumentStatus, RecordIdvSessionStatus, ObserveUboDeclarations, ErasePersonalData],
  'UserKycCommand',
);
export type UserKycCommand = t.TypeOf<typeof UserKycCommand>;
export type UserKycCommandType = UserKycCommand['type'];
export type ObserveUser = t.TypeOf<typeof ObserveUser>;
export type RecordKycDocumentStatus = t.TypeOf<typeof RecordKycDocumentStatus>;
export type RecordIdvSessionStatus = t.TypeOf<typeof RecordIdvSessionStatus>;
export type ObserveUboDeclarations = t.TypeOf<typeof ObserveUboDeclarations>;
export type ErasePersonalData = t.TypeOf<typeof ErasePersonalData>;
