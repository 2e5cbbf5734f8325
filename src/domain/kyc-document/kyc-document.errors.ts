import type { DomainError } from '../shared/domain-error.js';
import type { InvalidInput } from '../shared/invalid-input.js';
import type { KycDocumentStatus } from './kyc-document.vocabulary.js';
import type { PageFileError } from './page-file.js';

export type KycDocumentError =
  | InvalidInput
  | PageFileError
  | DomainError<'KYC_DOCUMENT_ALREADY_CREATED'>
  | DomainError<'KYC_DOCUMENT_NOT_FOUND'>
  | DomainError<'KYC_DOCUMENT_ID_MISMATCH'>
  | (DomainError<'PAGES_ONLY_WHILE_CREATED'> & { readonly status: KycDocumentStatus })
  | (DomainError<'SUBMIT_ONLY_WHILE_CREATED'> & { readonly status: KycDocumentStatus })
  | DomainError<'SUBMIT_NEEDS_A_PAGE'>
  | (DomainError<'TOO_MANY_PAGES'> & { readonly maxPages: number });

export type KycDocumentErrorType = KycDocumentError['type'];
