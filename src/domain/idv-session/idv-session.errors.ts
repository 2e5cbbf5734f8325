import type { DomainError } from '../shared/domain-error.js';
import type { InvalidInput } from '../shared/invalid-input.js';
import type { IdvEligibilityError } from './idv-eligibility.js';

export type IdvSessionError =
  | InvalidInput
  | IdvEligibilityError
  | DomainError<'IDV_SESSION_ALREADY_STARTED'>
  | DomainError<'IDV_SESSION_NOT_FOUND'>
  | DomainError<'IDV_SESSION_ID_MISMATCH'>;

export type IdvSessionErrorType = IdvSessionError['type'];
