import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import type { MangopayId, RefusedReasonMessage } from '../../domain/shared/bounded-string.js';
import type { IdvCheckType, IdvRefusalReason } from '../../domain/idv-session/idv-session.vocabulary.js';
import type { KycDocumentRefusedReasonType } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import type { UserProfile } from '../../domain/shared/user-profile.js';
import type { UboDeclarationReason } from '../../domain/user-kyc/ubo-declaration.vocabulary.js';

/** What Mangopay's compliance team decides about a submitted document. */
export type DocumentSettlement =
  | { readonly status: 'VALIDATED' | 'OUT_OF_DATE' }
  | { readonly status: 'REFUSED'; readonly refusedReasonType: KycDocumentRefusedReasonType; readonly refusedReasonMessage?: RefusedReasonMessage };

/** How a person (or Mangopay's review) ends a hosted session, in the seed's words. */
export type SessionSettlement =
  | { readonly status: 'VALIDATED' | 'REVIEW' | 'TIMEOUT' | 'ERROR' | 'OUTDATED' }
  | {
      readonly status: 'REJECTED';
      readonly refusals: Partial<Record<IdvCheckType, { readonly reason: IdvRefusalReason; readonly description?: string }>>;
    };

/** How far a UBO declaration goes: left submitted, or decided by Mangopay's compliance team. */
export type UboDeclarationSettlement =
  | { readonly status: 'VALIDATION_ASKED' }
  | { readonly status: 'VALIDATED' }
  | { readonly status: 'REFUSED' | 'INCOMPLETE'; readonly reason: UboDeclarationReason };

/**
 * The provider's side, which the port cannot reach: creating users with the data an Owner needs, and settling
 * documents and sessions as Mangopay's team or the user would. A simulator gives it directly.
 */
export interface MangopayProvider {
  readonly createUser: (profile: UserProfile) => Promise<MangopayId>;
  readonly settleDocument: (documentId: MangopayId, settlement: DocumentSettlement) => Promise<void>;
  readonly settleSession: (sessionId: MangopayId, settlement: SessionSettlement) => Promise<void>;
  /**
   * The platform declares the user's beneficial owners (a declaration with `ubos` UBOs, submitted) and Mangopay's
   * team settles it as told: the port only reads declarations. Answers the declaration's id.
   */
  readonly declareUbos: (userId: MangopayId, ubos: number, settlement: UboDeclarationSettlement) => Promise<MangopayId>;
}

/** A fresh provider (nothing created yet) and the adapter under test, per check. */
export interface MangopayApiUnderTest {
  readonly api: MangopayApi;
  readonly provider: MangopayProvider;
  readonly teardown: () => Promise<void>;
}

export type MangopayApiFactory = () => Promise<MangopayApiUnderTest>;

export interface MangopayConformanceContext {
  readonly subject: () => MangopayApiUnderTest;
}
