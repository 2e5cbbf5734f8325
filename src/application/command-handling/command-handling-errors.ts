import type { EventDecodeError } from '../../domain/shared/event-schema.js';
import type { AppendError, ReadError, StreamName } from '../ports/event-store.js';
import type { PersonalDataVaultError } from '../ports/personal-data-vault.js';

/** An event in the store that no longer decodes: the stream is named so it can be repaired; it refuses writes until then. */
export interface StoredEventUnreadable {
  readonly type: 'STORED_EVENT_UNREADABLE';
  readonly message: string;
  readonly streamName: StreamName;
  readonly streamVersion: number;
  readonly cause: EventDecodeError;
}

/** Every attempt met a concurrent writer: the command was not applied. Safe to retry with the same command id. */
export interface ConcurrencyRetriesExhausted {
  readonly type: 'CONCURRENCY_RETRIES_EXHAUSTED';
  readonly message: string;
  readonly streamName: StreamName;
  readonly attempts: number;
}

/** Sealed personal data was found but there is no vault to open it: the store was written with one. */
export interface PersonalDataVaultMissing {
  readonly type: 'PERSONAL_DATA_VAULT_MISSING';
  readonly message: string;
}

/** A stored personal field does not open (tampered, unknown key, keys unavailable…): named by stream, version and field, never by value. */
export interface PersonalDataUnreadable {
  readonly type: 'PERSONAL_DATA_UNREADABLE';
  readonly message: string;
  readonly streamName: StreamName;
  readonly streamVersion: number;
  readonly path: string;
  readonly cause: PersonalDataVaultError | PersonalDataVaultMissing;
}

/** The aggregate declares no subject for personal fields it is about to record: a declaration fault, nothing is appended. */
export interface PersonalDataSubjectUnknown {
  readonly type: 'PERSONAL_DATA_SUBJECT_UNKNOWN';
  readonly message: string;
}

/** Personal fields could not be sealed before the append: nothing was appended. Safe to retry with the same command id. */
export interface PersonalDataNotSealed {
  readonly type: 'PERSONAL_DATA_NOT_SEALED';
  readonly message: string;
  readonly streamName: StreamName;
  readonly cause: PersonalDataVaultError | PersonalDataSubjectUnknown;
}

/** The command id was used before on this stream for another request: nothing was done (a replay would hide that). */
export interface CommandIdReused {
  readonly type: 'COMMAND_ID_REUSED';
  readonly message: string;
  readonly streamName: StreamName;
}

export type CommandHandlingError<DomainError> =
  | DomainError
  | StoredEventUnreadable
  | PersonalDataUnreadable
  | PersonalDataNotSealed
  | ConcurrencyRetriesExhausted
  | CommandIdReused
  | Exclude<AppendError, { readonly type: 'WRONG_EXPECTED_VERSION' }>
  | ReadError;
