import type { DomainError } from '../shared/domain-error.js';
import type { InvalidInput } from '../shared/invalid-input.js';
import type { UnixTimestamp } from '../shared/unix-timestamp.js';

export type UserKycError =
  | InvalidInput
  | DomainError<'USER_NOT_FOUND'>
  | DomainError<'USER_ID_MISMATCH'>
  | DomainError<'USER_FIRST_SEEN_WITH_UNRECOGNIZED_LEVEL'>
  | (DomainError<'RETENTION_PERIOD_NOT_OVER'> & { readonly retentionEndsAt: UnixTimestamp });

export type UserKycErrorType = UserKycError['type'];
