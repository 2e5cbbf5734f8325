export type {
  CreationDateSort,
  DocumentListQuery,
  DocumentSummary,
  KycReadModel,
  ListPage,
  ReadModelUnavailable,
  SessionSummary,
  UserKycSummary,
} from '../ports/kyc-read-model.js';
export type { CountingChange, DocumentPatch, ReadModelChange, SessionPatch, UserPatch, UserRecord } from '../ports/read-model-change.js';
export { readableChangesOfBatch, readModelChangesOf, readModelChangesOfBatch, type ReadableChanges } from './read-model-changes.js';
export {
  readModelEventUnreadable,
  readModelUnavailable,
  type KycReadModelProjectionError,
  type ReadModelEventUnreadable,
} from '../ports/read-model-errors.js';
export type { KycReadModelWriter } from '../ports/kyc-read-model-writer.js';
export { KYC_READ_MODEL_PROJECTION, kycReadModelProjection } from './kyc-read-model-projection.js';
export { documentListPlan, listPageOf, listWindow, type DocumentListPlan, type ListWindow } from './list-plans.js';
export {
  documentSummaryOf,
  kycLevelOf,
  personalDataErasedAtOf,
  profileColumns,
  refusedReasonColumns,
  sessionSummaryOf,
  userProfileOf,
  type StoredDocumentRow,
  type StoredSessionRow,
  type StoredUserRow,
} from './stored-rows.js';
export { userKycSummaryOf, type CountedDocument } from './user-kyc-summary.js';
export type { ProjectedKycReadModel } from '../ports/projected-kyc-read-model.js';
export type { AsideKycReadModel } from '../ports/aside-kyc-read-model.js';
export {
  rebuildKycReadModel,
  type KycReadModelRebuilt,
  type RebuildKycReadModelDependencies,
  type RebuildProgress,
} from './rebuild-kyc-read-model.js';
