import type { PersonalDataDeclaration } from '../shared/personal-data.js';
import type { UserKycEvent } from './user-kyc.events.js';
import { isKnownUser, type UserKycState } from './user-kyc.state.js';

/**
 * A user's KYC stream holds no personal data: person type, category and level are what the rules need (and of a
 * UBO declaration, its status and the number of UBOs, never who they are).
 * The erasure's reason and operator stay readable on purpose, to explain the erasure after it.
 */
export const userKycPersonalData: PersonalDataDeclaration<UserKycEvent, UserKycState> = {
  fields: {
    UserRegistered: [],
    UserProfileChanged: [],
    UserKycLevelChanged: [],
    UserKycLevelUnrecognized: [],
    UserKycDocumentValidated: [],
    UserKycDocumentExpired: [],
    UserIdvSessionValidated: [],
    UserIdvSessionExpired: [],
    // Status, reason, dates and a count: no UBO's name, birth or address is recorded.
    UboDeclarationObserved: [],
    PersonalDataErased: [],
  },
  subjectOf: (state) => (isKnownUser(state) ? state.userId : state.erasure?.userId),
};
