import type { IdvCheck, IdvSession } from '../../../domain/idv-session/index.js';
import type { KycDocument } from '../../../domain/kyc-document/index.js';
import { isUnrecognized, type Recognized } from '../../../domain/shared/recognized.js';
import type { DocumentSummary, SessionSummary, UserKycSummary } from '../../../application/ports/kyc-read-model.js';
import { personalValueAs, type PersonalDataView } from '../../../application/audit/index.js';

/** A value as Mangopay sent it: known words as themselves, unrecognized ones verbatim. */
const raw = (value: Recognized<string> | null | undefined): string | null =>
  value === null || value === undefined ? null : isUnrecognized(value) ? value.unrecognized : value;

/**
 * Seed 002's KYC Document object, plus what the core knows beyond it: page fingerprints and divergence. The
 * refusal message (an agent's note) is personal data, shown as `view` allows.
 */
export const kycDocumentJson = (document: KycDocument, view: PersonalDataView = 'shown') => ({
  Id: document.documentId,
  UserId: document.userId,
  Type: document.documentType,
  Status: document.status,
  Tag: document.tag ?? null,
  CreationDate: document.creationDate,
  ProcessedDate: document.processedDate ?? null,
  RefusedReasonType: raw(document.refusedReasonType),
  RefusedReasonMessage: personalValueAs(document.refusedReasonMessage ?? null, view),
  /** Mangopay's `Flags` on the refusal, verbatim, in its order. */
  Flags: document.flags,
  Pages: document.pages.map((page) => ({ Number: page.pageNumber, Sha256: page.sha256, Size: page.sizeBytes, Format: page.format })),
  DivergentStatus: raw(document.divergentStatus),
  /** Where Mangopay's outcome breaks seed 002's rules (recorded as Mangopay decided): path and rule, never a value. */
  Anomalies: document.anomalies.map((anomaly) => ({ Path: anomaly.path, Rule: anomaly.rule })),
});

export const documentSummaryJson = (document: DocumentSummary) => ({
  Id: document.documentId,
  UserId: document.userId,
  Type: document.type,
  Status: document.status,
  Tag: document.tag,
  CreationDate: document.creationDate,
  ProcessedDate: document.processedDate,
  RefusedReasonType: raw(document.refusedReasonType),
  /** Mangopay's `Flags` (KYC Document object), verbatim, in its order. */
  Flags: document.flags,
  PageCount: document.pageCount,
  Diverged: document.diverged,
});

/**
 * `Reasons` as Mangopay gives them (Type and Value, in its order). `RefusalReason` and `RefusalDescription`
 * are the first reason, as this API served them before it kept them all: kept for the platforms that read them.
 */
const checkJson = (check: IdvCheck, view: PersonalDataView) => {
  const reasons = check.reasons ?? [];
  return {
    CheckId: check.checkId,
    Type: raw(check.type),
    Status: raw(check.status),
    Data: check.dataPoints.map((point) => ({
      Type: raw(point.type),
      Value: personalValueAs(point.value, view),
      ...(point.valueAltered === undefined ? {} : { ValueAltered: point.valueAltered }),
    })),
    Reasons: reasons.map((reason) => ({ Type: raw(reason.type), Value: personalValueAs(reason.value ?? null, view) })),
    RefusalReason: raw(reasons[0]?.type),
    RefusalDescription: personalValueAs(reasons[0]?.value ?? null, view),
  };
};

/**
 * A hosted IDV session with its checks. Their data points and reasons' comments are the platform's user's
 * personal data: shown as `view` allows (each point listed by type, its value masked, for an auditor), never logged.
 */
export const idvSessionJson = (session: IdvSession, view: PersonalDataView = 'shown') => ({
  Id: session.sessionId,
  UserId: session.userId,
  Status: session.status,
  HostedUrl: session.hostedUrl,
  ReturnUrl: session.returnUrl,
  Tag: session.tag ?? null,
  CreationDate: session.creationDate,
  Checks: session.checks.map((check) => checkJson(check, view)),
  DivergentStatus: raw(session.divergentStatus),
  /** Where the user or the checks break seed 000's rules (recorded as Mangopay decided): path and rule, never a value. */
  Anomalies: [...session.userAnomalies, ...session.anomalies].map((anomaly) => ({ Path: anomaly.path, Rule: anomaly.rule })),
});

export const sessionSummaryJson = (session: SessionSummary) => ({
  Id: session.sessionId,
  UserId: session.userId,
  Status: session.status,
  Tag: session.tag,
  CreationDate: session.creationDate,
  Diverged: session.diverged,
});

export const userKycJson = (user: UserKycSummary) => ({
  UserId: user.userId,
  PersonType: user.personType,
  LegalPersonType: user.legalPersonType,
  UserCategory: user.userCategory,
  KYCLevel: user.kycLevel,
  /**
   * Document types and, for a Business or Partnership, UBO_DECLARATION (a validated UBO declaration); null: cannot be
   * determined (a LegalPersonType or UserCategory the seeds do not know, named in Anomalies).
   */
  MissingForRegular: user.missingForRegular,
  ValidatedDocuments: user.validatedDocumentIds,
  ValidatedIdvSessions: user.validatedSessionIds,
  ValidatedUboDeclarations: user.validatedUboDeclarationIds,
  /** Unix time of the erasure of the user's personal data (`kyc erase`), or null. */
  PersonalDataErasedAt: user.personalDataErasedAt,
  Anomalies: user.anomalies.map((anomaly) => ({ Path: anomaly.path, Rule: anomaly.rule })),
});
