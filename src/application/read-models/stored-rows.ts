import type { IdvSessionStatus } from '../../domain/idv-session/index.js';
import type { KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from '../../domain/kyc-document/index.js';
import { isUnrecognized, recognize, type Recognized } from '../../domain/shared/recognized.js';
import { LegalPersonType, profileWord, UserCategory, type KycLevel, type PersonType, type UserProfile } from '../../domain/user-kyc/index.js';
import type { DocumentSummary, SessionSummary } from '../ports/kyc-read-model.js';

/**
 * The flat rows both SQL adapters store and select (columns aliased to these names), and the one mapping
 * between them and the port's summaries. Values were decoded from events before they were written, so they
 * are read back as the vocabulary they were. Drivers differ only in how they hand numbers and booleans back.
 */
type Integer = number | string | bigint;
type Flag = boolean | number;

export interface StoredDocumentRow {
  readonly documentId: string;
  readonly userId: string;
  readonly documentType: string;
  readonly status: string;
  readonly tag: string | null;
  readonly creationDate: Integer;
  readonly processedDate: Integer | null;
  readonly refusedReasonType: string | null;
  /** A reason Mangopay sent that the domain does not know, verbatim. */
  readonly refusedReasonUnrecognized: string | null;
  /** The Flags as a JSON array. */
  readonly flags: string;
  readonly pageCount: Integer;
  readonly diverged: Flag;
}

export interface StoredSessionRow {
  readonly sessionId: string;
  readonly userId: string;
  readonly status: string;
  readonly tag: string | null;
  readonly creationDate: Integer;
  readonly diverged: Flag;
}

export interface StoredUserRow {
  readonly userId: string;
  readonly personType: string;
  readonly legalPersonType: string | null;
  readonly userCategory: string;
  readonly kycLevel: string;
  readonly personalDataErasedAt: Integer | null;
}

/** A refusal reason in two columns: the known value, or the unknown one kept verbatim. */
export const refusedReasonColumns = (
  reason: Recognized<KycDocumentRefusedReasonType> | null,
): { readonly known: string | null; readonly unrecognized: string | null } =>
  reason === null ? { known: null, unrecognized: null } : isUnrecognized(reason) ? { known: null, unrecognized: reason.unrecognized } : { known: reason, unrecognized: null };

/** A profile's words as Mangopay sent them: a known word and an unknown one kept verbatim read back the same. */
export const profileColumns = (
  profile: UserProfile,
): { readonly personType: PersonType; readonly legalPersonType: string | null; readonly userCategory: string } => ({
  personType: profile.personType,
  legalPersonType: profile.personType === 'LEGAL' ? profileWord(profile.legalPersonType) : null,
  userCategory: profileWord(profile.userCategory),
});

export const documentSummaryOf = (row: StoredDocumentRow): DocumentSummary => ({
  documentId: row.documentId,
  userId: row.userId,
  type: row.documentType as KycDocumentType,
  status: row.status as KycDocumentStatus,
  tag: row.tag,
  creationDate: Number(row.creationDate),
  processedDate: row.processedDate === null ? null : Number(row.processedDate),
  refusedReasonType:
    row.refusedReasonType !== null
      ? (row.refusedReasonType as KycDocumentRefusedReasonType)
      : row.refusedReasonUnrecognized !== null
        ? { unrecognized: row.refusedReasonUnrecognized }
        : null,
  flags: JSON.parse(row.flags) as ReadonlyArray<string>,
  pageCount: Number(row.pageCount),
  diverged: Boolean(row.diverged),
});

export const sessionSummaryOf = (row: StoredSessionRow): SessionSummary => ({
  sessionId: row.sessionId,
  userId: row.userId,
  status: row.status as IdvSessionStatus,
  tag: row.tag,
  creationDate: Number(row.creationDate),
  diverged: Boolean(row.diverged),
});

export const userProfileOf = (row: StoredUserRow): UserProfile => {
  const userCategory = recognize(UserCategory)(row.userCategory);
  return row.personType === 'LEGAL'
    ? { personType: 'LEGAL', legalPersonType: recognize(LegalPersonType)(row.legalPersonType ?? 'NotSpecified'), userCategory }
    : { personType: 'NATURAL', userCategory };
};

export const kycLevelOf = (row: StoredUserRow): KycLevel => row.kycLevel as KycLevel;

export const personalDataErasedAtOf = (row: StoredUserRow): number | null => (row.personalDataErasedAt === null ? null : Number(row.personalDataErasedAt));
