import type { IdvSessionStatus } from '../../domain/idv-session/index.js';
import type { KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from '../../domain/kyc-document/index.js';
import type { Recognized } from '../../domain/shared/recognized.js';
import type { KycLevel, UserProfile } from '../../domain/user-kyc/index.js';
import type { DocumentSummary, SessionSummary } from './kyc-read-model.js';

/**
 * What one event does to the read model, as data: the adapters only execute these. Each change names the
 * stream version it comes from. A creation is inserted if absent; every other change applies only to a row
 * whose stored version is lower, and moves it there: replaying a batch (delivery is at least once)
 * changes nothing. In the patches an absent field means "keep what is there".
 */
export type ReadModelChange =
  | { readonly kind: 'document-created'; readonly version: number; readonly document: DocumentSummary }
  | { readonly kind: 'document-changed'; readonly documentId: string; readonly version: number; readonly patch: DocumentPatch }
  | { readonly kind: 'session-started'; readonly version: number; readonly session: SessionSummary }
  | { readonly kind: 'session-changed'; readonly sessionId: string; readonly version: number; readonly patch: SessionPatch }
  | { readonly kind: 'user-registered'; readonly version: number; readonly user: UserRecord }
  | {
      readonly kind: 'user-changed';
      readonly userId: string;
      readonly version: number;
      readonly patch: UserPatch;
      /** Runs only when the guarded user row did move to this version. */
      readonly counting?: CountingChange;
    };

export interface DocumentPatch {
  readonly status?: KycDocumentStatus;
  readonly tag?: string;
  readonly processedDate?: number | null;
  readonly refusedReasonType?: Recognized<KycDocumentRefusedReasonType> | null;
  readonly flags?: ReadonlyArray<string>;
  /** Pages to add to the count. */
  readonly addedPages?: number;
  readonly diverged?: boolean;
}

export interface SessionPatch {
  readonly status?: IdvSessionStatus;
  readonly diverged?: boolean;
}

/** Who a user is, for the KYC rules, and the level Mangopay gives them. */
export interface UserRecord {
  readonly userId: string;
  readonly profile: UserProfile;
  readonly kycLevel: KycLevel;
}

export interface UserPatch {
  readonly profile?: UserProfile;
  readonly kycLevel?: KycLevel;
  /** Set once: an erasure is recorded once per user. */
  readonly personalDataErasedAt?: number;
}

/** Which documents, sessions and UBO declarations currently count towards REGULAR for the user. */
export type CountingChange =
  | { readonly kind: 'count-ubo-declaration'; readonly declarationId: string }
  | { readonly kind: 'uncount-ubo-declaration'; readonly declarationId: string }
  | { readonly kind: 'count-document'; readonly documentId: string; readonly documentType: KycDocumentType }
  | { readonly kind: 'uncount-document'; readonly documentId: string }
  | { readonly kind: 'count-session'; readonly sessionId: string }
  | { readonly kind: 'uncount-session'; readonly sessionId: string };
