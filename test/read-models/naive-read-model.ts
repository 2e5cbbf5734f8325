import { isCreated, type KycDocumentState } from '../../src/domain/kyc-document/index.js';
import { isKnownUser, missingForRegular, profileWord, userProfileAnomalies, type UserKycState } from '../../src/domain/user-kyc/index.js';
import type { DocumentListQuery, DocumentSummary, ListPage, UserKycSummary } from '../../src/application/read-models/index.js';

/**
 * The oracle for the property tests, written from the seed and the port's comments, independently of the
 * adapters: what a folded aggregate shows, and a plain filter, sort and slice over those.
 */
export const documentSummaryOfState = (state: KycDocumentState): DocumentSummary | undefined =>
  isCreated(state)
    ? {
        documentId: state.documentId,
        userId: state.userId,
        type: state.documentType,
        status: state.status,
        tag: state.tag ?? null,
        creationDate: state.creationDate,
        processedDate: state.processedDate ?? null,
        refusedReasonType: state.refusedReasonType ?? null,
        flags: state.flags,
        pageCount: state.pages.length,
        diverged: state.divergentStatus !== undefined,
      }
    : undefined;

export const userKycSummaryOfState = (state: UserKycState): UserKycSummary | undefined =>
  isKnownUser(state)
    ? {
        userId: state.userId,
        personType: state.user.personType,
        legalPersonType: state.user.personType === 'LEGAL' ? profileWord(state.user.legalPersonType) : null,
        userCategory: profileWord(state.user.userCategory),
        kycLevel: state.status,
        missingForRegular: missingForRegular(state),
        anomalies: userProfileAnomalies(state.user),
        validatedDocumentIds: [...state.validatedDocuments.keys()].sort(),
        validatedSessionIds: [...state.validatedSessions].sort(),
        validatedUboDeclarationIds: [...state.uboDeclarations.values()]
          .filter((declaration) => declaration.status === 'VALIDATED')
          .map((declaration) => declaration.declarationId)
          .sort(),
        personalDataErasedAt: state.erasure?.erasedAt ?? null,
      }
    : undefined;

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const naiveDocumentList = (documents: ReadonlyArray<DocumentSummary>, query: DocumentListQuery): ListPage<DocumentSummary> => {
  const wanted = <A>(values: ReadonlyArray<A> | undefined, value: A): boolean => values === undefined || values.length === 0 || values.includes(value);
  const kept = documents.filter(
    (d) =>
      (query.userId === undefined || d.userId === query.userId) &&
      (query.beforeDate === undefined || d.creationDate < query.beforeDate) &&
      (query.afterDate === undefined || d.creationDate > query.afterDate) &&
      wanted(query.statuses, d.status) &&
      wanted(query.types, d.type),
  );
  const direction = query.sort === 'CreationDate:DESC' ? -1 : 1;
  kept.sort((a, b) => direction * (a.creationDate - b.creationDate || byCodeUnits(a.documentId, b.documentId)));
  const start = (query.page - 1) * query.perPage;
  return { items: kept.slice(start, start + query.perPage), totalItems: kept.length, totalPages: Math.ceil(kept.length / query.perPage) };
};
