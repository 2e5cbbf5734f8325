import type { DocumentListQuery } from '../../src/application/read-models/index.js';
import type { KycDocumentStatus, KycDocumentType } from '../../src/domain/kyc-document/index.js';

export const TYPES: ReadonlyArray<KycDocumentType> = ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'SHAREHOLDER_DECLARATION', 'ADDRESS_PROOF'];
export const STATUSES: ReadonlyArray<KycDocumentStatus> = ['CREATED', 'VALIDATION_ASKED', 'VALIDATED', 'REFUSED', 'OUT_OF_DATE'];
/** Creation dates spread over three years from here. */
export const FIRST_DATE = 1_600_000_000;
export const DATE_SPAN = 3 * 365 * 86_400;
export const DOCUMENTS_PER_USER = 10;

/** A list query of seed 002 with the label the bench reports it under. */
export interface LabelledQuery {
  readonly label: string;
  readonly query: DocumentListQuery;
}

/**
 * Every filter combination seed 002 offers, on both lists: all documents (Status, Type, BeforeDate, AfterDate,
 * Sort, Page) and one user's (the same without Type). Pages: the first and a deep one (1000 of 25 for all
 * documents; past the end of a user's ~10). Dates: none, AfterDate alone (the later half), a window (the middle
 * half, non-integer bounds included as the API lets through).
 */
export const seedQueries = (userId: string): LabelledQuery[] => {
  const queries: LabelledQuery[] = [];
  const dates = [
    { label: 'no dates', filter: {} },
    { label: 'AfterDate', filter: { afterDate: FIRST_DATE + DATE_SPAN / 2 } },
    { label: 'After+BeforeDate', filter: { afterDate: FIRST_DATE + DATE_SPAN / 4 + 0.5, beforeDate: FIRST_DATE + (3 * DATE_SPAN) / 4 } },
  ];
  const statuses = [{ label: 'any status', filter: {} }, { label: 'VALIDATED,REFUSED', filter: { statuses: ['VALIDATED', 'REFUSED'] as KycDocumentStatus[] } }];
  const types = [{ label: 'any type', filter: {} }, { label: 'IDENTITY,ADDRESS', filter: { types: ['IDENTITY_PROOF', 'ADDRESS_PROOF'] as KycDocumentType[] } }];
  for (const scope of ['all', 'user'] as const)
    for (const date of dates)
      for (const status of statuses)
        for (const type of scope === 'all' ? types : types.slice(0, 1))
          for (const sort of ['CreationDate:ASC', 'CreationDate:DESC'] as const)
            for (const page of scope === 'all' ? [1, 1000] : [1, 2]) {
              queries.push({
                label: `${scope === 'all' ? 'all' : 'one user'}, ${status.label}, ${type.label}, ${date.label}, ${sort}, Page=${page}`,
                query: { ...(scope === 'user' ? { userId } : {}), ...date.filter, ...status.filter, ...type.filter, sort, page, perPage: 25 },
              });
            }
  return queries;
};
