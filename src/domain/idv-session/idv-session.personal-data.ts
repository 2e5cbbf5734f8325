import type { PersonalDataDeclaration } from '../shared/personal-data.js';
import type { IdvSessionEvent } from './idv-session.events.js';
import { isStarted, type IdvSessionState } from './idv-session.state.js';

/**
 * Seed 000's verified data (names, birthdates, nationality, residency, company data) and the reasons' comments
 * (agents' text). `checks.*.refusalDescription` is where version 1 events hold the comment: still opened, so
 * the upcaster lifts a readable (or erased) value.
 */
const CHECK_FIELDS = ['checks.*.dataPoints.*.value', 'checks.*.reasons.*.value', 'checks.*.refusalDescription'] as const;

/**
 * Personal data in a session's events: the values of the checks' data points and the reasons' comments.
 * Check types, statuses, data point types and refusal reasons stay readable: the rules run on them.
 */
export const idvSessionPersonalData: PersonalDataDeclaration<IdvSessionEvent, IdvSessionState> = {
  fields: {
    IdvSessionStarted: [],
    IdvSessionSentToReview: CHECK_FIELDS,
    IdvSessionValidated: CHECK_FIELDS,
    IdvSessionRejected: CHECK_FIELDS,
    IdvSessionTimedOut: CHECK_FIELDS,
    IdvSessionErrored: CHECK_FIELDS,
    IdvSessionOutdated: CHECK_FIELDS,
    IdvSessionChecksObserved: CHECK_FIELDS,
    IdvSessionStatusDiverged: [],
  },
  subjectOf: (state) => (isStarted(state) ? state.userId : undefined),
};
