import type { TransitionTable } from '../shared/transition-table.js';
import type { KycDocumentCommandType } from './kyc-document.commands.js';
import type { KycDocumentEventType } from './kyc-document.events.js';
import type { KycDocumentLifecycle } from './kyc-document.state.js';

/**
 * Seed 002's lifecycle, as data. A document is recorded when the platform creates it or when Mangopay shows
 * one this core has not seen (its hook came first, or it was created elsewhere). Pages only while CREATED; submit moves to VALIDATION_ASKED; Mangopay
 * validates or refuses; a validated document goes out of date; Mangopay also downgrades a document
 * waiting for validation to OUT_OF_DATE when the user's identity data changed. REFUSED and OUT_OF_DATE
 * are final: a new document is needed.
 */
export const kycDocumentTransitions: TransitionTable<KycDocumentLifecycle, KycDocumentCommandType, KycDocumentEventType> =
  [
    { from: 'NOT_CREATED', to: 'CREATED', command: 'CreateKycDocument', event: 'KycDocumentCreated', by: 'platform' },
    { from: 'NOT_CREATED', to: 'CREATED', command: 'ObserveKycDocument', event: 'KycDocumentCreated', by: 'mangopay' },
    { from: 'CREATED', to: 'CREATED', command: 'AddKycPage', event: 'KycPageAdded', by: 'platform' },
    { from: 'CREATED', to: 'VALIDATION_ASKED', command: 'SubmitKycDocument', event: 'KycDocumentSubmitted', by: 'platform' },
    { from: 'CREATED', to: 'VALIDATION_ASKED', command: 'ObserveKycDocument', event: 'KycDocumentSubmitted', by: 'mangopay' },
    { from: 'VALIDATION_ASKED', to: 'VALIDATED', command: 'ObserveKycDocument', event: 'KycDocumentValidated', by: 'mangopay' },
    { from: 'VALIDATION_ASKED', to: 'REFUSED', command: 'ObserveKycDocument', event: 'KycDocumentRefused', by: 'mangopay' },
    { from: 'VALIDATION_ASKED', to: 'OUT_OF_DATE', command: 'ObserveKycDocument', event: 'KycDocumentOutOfDate', by: 'mangopay' },
    { from: 'VALIDATED', to: 'OUT_OF_DATE', command: 'ObserveKycDocument', event: 'KycDocumentOutOfDate', by: 'mangopay' },
    // Flags revised on an unchanged status (a refusal's codes, mostly): recorded, the status stays.
    ...(['CREATED', 'VALIDATION_ASKED', 'VALIDATED', 'REFUSED', 'OUT_OF_DATE'] as const).map((status) => ({
      from: status,
      to: status,
      command: 'ObserveKycDocument' as const,
      event: 'KycDocumentFlagsChanged' as const,
      by: 'mangopay' as const,
    })),
  ];

export const KYC_DOCUMENT_LIFECYCLE: ReadonlyArray<KycDocumentLifecycle> = [
  'NOT_CREATED',
  'CREATED',
  'VALIDATION_ASKED',
  'VALIDATED',
  'REFUSED',
  'OUT_OF_DATE',
];
