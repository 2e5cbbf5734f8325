import type { PersonalDataDeclaration } from '../shared/personal-data.js';
import type { KycDocumentEvent } from './kyc-document.events.js';
import { isCreated, type KycDocumentState } from './kyc-document.state.js';

/**
 * Personal data in a document's events: only the refusal message, free text from Mangopay's agents.
 * Pages are not here because they are never recorded at all (number, SHA-256, size and format only).
 */
export const kycDocumentPersonalData: PersonalDataDeclaration<KycDocumentEvent, KycDocumentState> = {
  fields: {
    KycDocumentCreated: [],
    KycPageAdded: [],
    KycDocumentSubmitted: [],
    KycDocumentValidated: [],
    KycDocumentRefused: ['refusedReasonMessage'],
    KycDocumentOutOfDate: [],
    KycDocumentFlagsChanged: [],
    KycDocumentStatusDiverged: [],
  },
  subjectOf: (state) => (isCreated(state) ? state.userId : undefined),
};
