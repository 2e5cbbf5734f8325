import type { RecordedEvent } from '../../../src/application/ports/event-store.js';

/** Events that record one step of a document's or a session's life: each can happen at most once per stream. */
const ONCE_PER_STREAM: ReadonlySet<string> = new Set([
  'KycDocumentCreated',
  'KycDocumentSubmitted',
  'KycDocumentValidated',
  'KycDocumentRefused',
  'KycDocumentOutOfDate',
  'IdvSessionStarted',
  'IdvSessionSentToReview',
  'IdvSessionValidated',
  'IdvSessionRejected',
  'IdvSessionTimedOut',
  'IdvSessionErrored',
  'IdvSessionOutdated',
  'UserRegistered',
]);

/** What a user stream counts must alternate: counted, uncounted, counted… — never counted twice in a row. */
const COUNTING: Readonly<Record<string, { readonly key: string; readonly counts: boolean }>> = {
  UserKycDocumentValidated: { key: 'documentId', counts: true },
  UserKycDocumentExpired: { key: 'documentId', counts: false },
  UserIdvSessionValidated: { key: 'sessionId', counts: true },
  UserIdvSessionExpired: { key: 'sessionId', counts: false },
};

/**
 * The transitions recorded twice, as readable descriptions (empty when none): a step event twice in one
 * stream, a KYC level "changed" to the level it already had, or a document or session counted twice in a row.
 */
export const repeatedTransitions = (events: ReadonlyArray<RecordedEvent>): ReadonlyArray<string> => {
  const problems: string[] = [];
  const seen = new Set<string>();
  const counted = new Map<string, boolean>();
  const level = new Map<string, string>();
  for (const event of events) {
    const where = `${event.streamName}@${event.streamVersion}`;
    if (ONCE_PER_STREAM.has(event.type)) {
      const key = `${event.streamName}\u0000${event.type}`;
      if (seen.has(key)) problems.push(`${event.type} twice in ${where}`);
      seen.add(key);
    }
    if (event.type === 'UserRegistered') level.set(event.streamName, String(event.data['kycLevel']));
    if (event.type === 'UserKycLevelChanged') {
      if (level.get(event.streamName) === String(event.data['to'])) problems.push(`level changed to the same level at ${where}`);
      level.set(event.streamName, String(event.data['to']));
    }
    const counting = COUNTING[event.type];
    if (counting !== undefined) {
      const key = `${event.streamName}\u0000${String(event.data[counting.key])}`;
      if ((counted.get(key) ?? false) === counting.counts) problems.push(`${event.type} repeated at ${where}`);
      counted.set(key, counting.counts);
    }
  }
  return problems;
};
