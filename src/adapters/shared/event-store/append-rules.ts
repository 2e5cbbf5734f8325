import type {
  DuplicateEventId,
  EventToAppend,
  ExpectedVersion,
  RecordedEvent,
  StreamName,
  WrongExpectedVersion,
} from '../../../application/ports/event-store.js';
import { jsonEqual } from '../../../domain/shared/json-equal.js';

/**
 * The rules every adapter applies the same way, written once. Adapters fetch what they need
 * (the stream's version, events already stored under the batch's ids) and ask these functions.
 */

export const expectedVersionMatches = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 0;
    case 'stream-exists':
      return actual > 0;
    case 'exact':
      return actual === expected.version;
  }
};

export const describeExpected = (expected: ExpectedVersion): string =>
  expected.kind === 'exact' ? `version ${expected.version}` : expected.kind;

export const wrongExpectedVersion = (
  streamName: StreamName,
  expected: ExpectedVersion,
  actual: number,
): WrongExpectedVersion => ({
  type: 'WRONG_EXPECTED_VERSION',
  message: `Stream ${streamName} is at version ${actual}, expected ${describeExpected(expected)}`,
  streamName,
  expected,
  actual,
});

export const duplicateEventId = (streamName: StreamName, eventId: string): DuplicateEventId => ({
  type: 'DUPLICATE_EVENT_ID',
  message: `Event id ${eventId} is already stored with other content or in another stream than ${streamName}`,
  streamName,
  eventId,
});

export const sameEvent = (stored: RecordedEvent, candidate: EventToAppend, streamName: StreamName): boolean =>
  stored.streamName === streamName &&
  stored.type === candidate.type &&
  stored.schemaVersion === candidate.schemaVersion &&
  jsonEqual(stored.data, candidate.data);

/**
 * Given the events already stored under the batch's ids, says whether the append is a replay (all there,
 * same content: a no-op), fresh (none there), or a conflict (naming the first offending id).
 */
export type ReplayCheck =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'replay'; readonly last: RecordedEvent }
  | { readonly kind: 'conflict'; readonly error: DuplicateEventId };

export const checkReplay = (
  streamName: StreamName,
  batch: ReadonlyArray<EventToAppend>,
  storedById: ReadonlyMap<string, RecordedEvent>,
): ReplayCheck => {
  if (storedById.size === 0) return { kind: 'fresh' };
  let last: RecordedEvent | undefined;
  for (const candidate of batch) {
    const stored = storedById.get(candidate.eventId);
    if (stored === undefined || !sameEvent(stored, candidate, streamName)) {
      return { kind: 'conflict', error: duplicateEventId(streamName, candidate.eventId) };
    }
    if (last === undefined || stored.streamVersion > last.streamVersion) last = stored;
  }
  return last === undefined ? { kind: 'fresh' } : { kind: 'replay', last };
};

/** A batch that names one event id twice can never be stored. */
export const firstRepeatedId = (batch: ReadonlyArray<EventToAppend>): string | undefined => {
  const seen = new Set<string>();
  for (const event of batch) {
    if (seen.has(event.eventId)) return event.eventId;
    seen.add(event.eventId);
  }
  return undefined;
};
