import type { DomainError } from '../../domain/shared/domain-error.js';
import type { InputFault, InvalidInput } from '../../domain/shared/invalid-input.js';

/** Mangopay's error body (`Message`, `Type`, `Id`, `Date`, `errors`), as received. */
export interface MangopayErrorBody {
  readonly message: string;
  /** Mangopay's error type, e.g. `param_error`, `ressource_not_found`, `idempotent_creation_conflict`. */
  readonly type: string;
  readonly id: string | null;
  readonly date: number | null;
  /** Field name → Mangopay's reason for it. */
  readonly errors: Readonly<Record<string, string>>;
}

/** Mangopay understood the request and refused it (a 4xx other than 401/404/409/429). */
export interface MangopayRequestRefused extends DomainError<'MANGOPAY_REQUEST_REFUSED'> {
  readonly status: number;
  /** Null when the refusal came without Mangopay's error body. */
  readonly mangopay: MangopayErrorBody | null;
}

export type MangopayResource = 'user' | 'kyc-document' | 'idv-session' | 'ubo-declaration' | 'hook';

export interface ResourceNotFound extends DomainError<'RESOURCE_NOT_FOUND'> {
  readonly resource: MangopayResource;
  readonly id: string;
  readonly mangopay: MangopayErrorBody | null;
}

/** The Idempotency-Key was already used for another request (another body or another path). */
export interface IdempotencyKeyReused extends DomainError<'IDEMPOTENCY_KEY_REUSED'> {
  readonly mangopay: MangopayErrorBody | null;
}

/** The credentials were refused (token endpoint 401, or a fresh token refused). Never carries the secret. */
export interface MangopayAuthenticationFailed extends DomainError<'MANGOPAY_AUTHENTICATION_FAILED'> {
  readonly status: number;
}

/** Still rate limited after the bounded waits; `resetAt` is Mangopay's x-ratelimit-reset (unix seconds). */
export interface RateLimited extends DomainError<'RATE_LIMITED'> {
  readonly resetAt: number | null;
}

/** No usable answer: network failure, timeout or a 5xx, after the retries that were safe. */
export interface MangopayUnavailable extends DomainError<'MANGOPAY_UNAVAILABLE'> {
  readonly reason: 'network' | 'timeout' | 'server-error';
  readonly status: number | null;
  readonly attempts: number;
}

/** Mangopay answered something this client cannot read. Names the paths and rules, never the values. */
export interface MangopayResponseInvalid extends DomainError<'MANGOPAY_RESPONSE_INVALID'> {
  readonly status: number;
  readonly faults: ReadonlyArray<InputFault>;
}

export type MangopayApiError =
  | MangopayRequestRefused
  | ResourceNotFound
  | IdempotencyKeyReused
  | MangopayAuthenticationFailed
  | RateLimited
  | MangopayUnavailable
  | MangopayResponseInvalid
  /** An argument was refused before anything was sent. */
  | InvalidInput;
