import * as t from 'io-ts';
import { literals, struct } from '../../domain/shared/codec-helpers.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import { KycDocumentStatus, KycDocumentType } from '../../domain/kyc-document/kyc-document.vocabulary.js';

/** Mangopay's paging: Page from 1, Per_Page from 1 to 100 (defaults 1 and 10). */
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 10;

const PageNumber = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'PageNumber');
const PerPage = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_PER_PAGE, 'PerPage');

export const Paging = struct('Paging', {}, { page: PageNumber, perPage: PerPage });
export type Paging = t.TypeOf<typeof Paging>;

export const CREATION_DATE_SORTS = ['CreationDate:ASC', 'CreationDate:DESC'] as const;
export const CreationDateSort = literals('CreationDateSort', CREATION_DATE_SORTS);
export type CreationDateSort = t.TypeOf<typeof CreationDateSort>;

const userDocumentFilters = {
  page: PageNumber,
  perPage: PerPage,
  sort: CreationDateSort,
  /** Only documents created before this date. */
  beforeDate: UnixTimestamp,
  /** Only documents created after this date. */
  afterDate: UnixTimestamp,
  /** Any of these statuses (Mangopay takes a comma-separated list). */
  status: t.readonlyArray(KycDocumentStatus),
};

/** Seed 002, "List KYC Documents for a User": Page, Per_Page, Sort, BeforeDate, AfterDate, Status. */
export const UserKycDocumentQuery = struct('UserKycDocumentQuery', {}, userDocumentFilters);
export type UserKycDocumentQuery = t.TypeOf<typeof UserKycDocumentQuery>;

/** Seed 002, "List all KYC Documents": the same filters and Type. */
export const KycDocumentQuery = struct('KycDocumentQuery', {}, { ...userDocumentFilters, type: t.readonlyArray(KycDocumentType) });
export type KycDocumentQuery = t.TypeOf<typeof KycDocumentQuery>;
