import type { TransitionTable } from '../shared/transition-table.js';
import type { UserKycCommandType } from './user-kyc.commands.js';
import type { UserKycEventType } from './user-kyc.events.js';
import type { UserKycLifecycle } from './user-kyc.state.js';

/**
 * A user's KYC level as data. Mangopay decides the level (USER_KYC_LIGHT / USER_KYC_REGULAR); this core
 * records it, and records which documents and sessions count towards REGULAR, and the user's UBO declarations as
 * Mangopay shows them, at either level. The
 * platform may erase a user's personal data at any point of this life, known to Mangopay or not.
 */
export const userKycTransitions: TransitionTable<UserKycLifecycle, UserKycCommandType, UserKycEventType> = [
  { from: 'UNKNOWN', to: 'LIGHT', command: 'ObserveUser', event: 'UserRegistered', by: 'mangopay' },
  { from: 'UNKNOWN', to: 'REGULAR', command: 'ObserveUser', event: 'UserRegistered', by: 'mangopay' },
  { from: 'LIGHT', to: 'REGULAR', command: 'ObserveUser', event: 'UserKycLevelChanged', by: 'mangopay' },
  { from: 'REGULAR', to: 'LIGHT', command: 'ObserveUser', event: 'UserKycLevelChanged', by: 'mangopay' },
  ...(['LIGHT', 'REGULAR'] as const).flatMap((level) => [
    { from: level, to: level, command: 'ObserveUser', event: 'UserProfileChanged', by: 'mangopay' } as const,
    { from: level, to: level, command: 'ObserveUser', event: 'UserKycLevelUnrecognized', by: 'mangopay' } as const,
    { from: level, to: level, command: 'RecordKycDocumentStatus', event: 'UserKycDocumentValidated', by: 'mangopay' } as const,
    { from: level, to: level, command: 'RecordKycDocumentStatus', event: 'UserKycDocumentExpired', by: 'mangopay' } as const,
    { from: level, to: level, command: 'RecordIdvSessionStatus', event: 'UserIdvSessionValidated', by: 'mangopay' } as const,
    { from: level, to: level, command: 'RecordIdvSessionStatus', event: 'UserIdvSessionExpired', by: 'mangopay' } as const,
    { from: level, to: level, command: 'ObserveUboDeclarations', event: 'UboDeclarationObserved', by: 'mangopay' } as const,
  ]),
  // Erasure changes no level: the KYC rules keep working on what is not personal.
  ...(['UNKNOWN', 'LIGHT', 'REGULAR'] as const).map(
    (status) => ({ from: status, to: status, command: 'ErasePersonalData', event: 'PersonalDataErased', by: 'platform' }) as const,
  ),
];

export const USER_KYC_LIFECYCLE: ReadonlyArray<UserKycLifecycle> = ['UNKNOWN', 'LIGHT', 'REGULAR'];
