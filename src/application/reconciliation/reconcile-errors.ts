import type { IdvSessionError } from '../../domain/idv-session/index.js';
import type { KycDocumentError } from '../../domain/kyc-document/index.js';
import type { UserKycError } from '../../domain/user-kyc/index.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { MangopayApiError } from '../ports/mangopay-api.js';

export type ReconcileError =
  | MangopayApiError
  | CommandHandlingError<KycDocumentError | IdvSessionError | UserKycError>;

/** What a reconciliation did: how many events it recorded, and whether Mangopay knew the resource at all. */
export interface ReconcileOutcome {
  readonly resource: 'kyc-document' | 'idv-session' | 'user' | 'ubo-declaration';
  readonly id: string;
  /** Mangopay does not know this id: a forged or mistaken hook. Nothing was recorded. */
  readonly unknownAtMangopay: boolean;
  readonly recordedEvents: number;
}

export const unknownAtMangopay = (resource: ReconcileOutcome['resource'], id: string): ReconcileOutcome => ({
  resource,
  id,
  unknownAtMangopay: true,
  recordedEvents: 0,
});
