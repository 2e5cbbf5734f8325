import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { IdvSessionStatus } from '../../domain/idv-session/index.js';
import type { KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from '../../domain/kyc-document/index.js';
import type { Anomaly } from '../../domain/shared/anomaly.js';
import type { Recognized } from '../../domain/shared/recognized.js';
import type { KycLevel, PersonType, RegularRequirement } from '../../domain/user-kyc/index.js';
import type { ListPage } from './mangopay-api-views.js';
import type { CreationDateSort } from './mangopay-list-query.js';

/**
 * The read side the platform API lists from: documents (per user and for all users, with seed 002's
 * filters), sessions per user, and each user's KYC level with what is still missing for REGULAR. Fed by a
 * checkpointed projection of the global event order; rebuildable from zero. Holds no personal data.
 */

// Seed 002's sort and Mangopay's list totals: the same vocabulary as the MangopayApi port's lists.
export type { CreationDateSort } from './mangopay-list-query.js';
export type { ListPage } from './mangopay-api-views.js';

/** Seed 002's list parameters: Page, Per_Page, Sort, BeforeDate, AfterDate, Status, Type (and the user, for a user's list). */
export interface DocumentListQuery {
  readonly userId?: string;
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
  readonly sort: CreationDateSort;
  /** Only documents created strictly before this unix time. */
  readonly beforeDate?: number;
  /** Only documents created strictly after this unix time. */
  readonly afterDate?: number;
  readonly statuses?: ReadonlyArray<KycDocumentStatus>;
  readonly types?: ReadonlyArray<KycDocumentType>;
}

export interface DocumentSummary {
  readonly documentId: string;
  readonly userId: string;
  readonly type: KycDocumentType;
  readonly status: KycDocumentStatus;
  readonly tag: string | null;
  readonly creationDate: number;
  readonly processedDate: number | null;
  readonly refusedReasonType: Recognized<KycDocumentRefusedReasonType> | null;
  /** Mangopay's `Flags` on the document (KYC Document object), verbatim, in its order. */
  readonly flags: ReadonlyArray<string>;
  readonly pageCount: number;
  /** Mangopay reported a status no legal step leads to; see the stream's timeline. */
  readonly diverged: boolean;
}

export interface SessionSummary {
  readonly sessionId: string;
  readonly userId: string;
  readonly status: IdvSessionStatus;
  readonly tag: string | null;
  readonly creationDate: number;
  readonly diverged: boolean;
}

export interface UserKycSummary {
  readonly userId: string;
  readonly personType: PersonType;
  /** As Mangopay sent it: a type or category the seeds do not know is kept verbatim (and named in `anomalies`). */
  readonly legalPersonType: string | null;
  readonly userCategory: string;
  readonly kycLevel: KycLevel;
  /**
   * What REGULAR still waits for (empty once a hosted IDV session is validated): the document types not validated
   * and, for a Business or Partnership, `UBO_DECLARATION` until a UBO declaration is validated; null when it cannot
   * be determined: a LegalPersonType or UserCategory the seeds do not know (see `anomalies`).
   */
  readonly missingForRegular: ReadonlyArray<RegularRequirement> | null;
  /** Where the profile breaks the seeds' vocabulary: path and rule. */
  readonly anomalies: ReadonlyArray<Anomaly>;
  readonly validatedDocumentIds: ReadonlyArray<string>;
  readonly validatedSessionIds: ReadonlyArray<string>;
  /** The user's UBO declarations VALIDATED as last observed. */
  readonly validatedUboDeclarationIds: ReadonlyArray<string>;
  /**
   * When the user's personal data was erased (unix time), or null: the lists keep no personal data, so an
   * erasure changes nothing else here, but the platform must be able to see that it happened.
   */
  readonly personalDataErasedAt: number | null;
}

export interface ReadModelUnavailable {
  readonly type: 'READ_MODEL_UNAVAILABLE';
  readonly message: string;
}

export interface KycReadModel {
  readonly listDocuments: (query: DocumentListQuery) => TaskEither<ReadModelUnavailable, ListPage<DocumentSummary>>;
  readonly listUserSessions: (
    userId: string,
    paging: { readonly page: number; readonly perPage: number; readonly sort: CreationDateSort },
  ) => TaskEither<ReadModelUnavailable, ListPage<SessionSummary>>;
  readonly userKyc: (userId: string) => TaskEither<ReadModelUnavailable, UserKycSummary | undefined>;
}
