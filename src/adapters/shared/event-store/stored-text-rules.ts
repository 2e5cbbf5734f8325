import * as E from 'fp-ts/lib/Either.js';
import { duplicateEventId, firstRepeatedId } from './append-rules.js';
import type { DuplicateEventId, EventToAppend, InvalidEventForStore, StreamName } from '../../../application/ports/event-store.js';

/**
 * Names (stream, event type, event id) go to the database as UTF-8 text columns, where a NUL character is
 * refused (PostgreSQL) and a lone UTF-16 surrogate would be silently replaced by U+FFFD on encoding.
 * Event data and metadata are JSON text, whose escapes carry both exactly, so only names are checked.
 */
const UNSTORABLE_TEXT = /[\u0000]|\p{Surrogate}/u;

export const isStorableName = (text: string): boolean => !UNSTORABLE_TEXT.test(text);

export const invalidEventForStore = (
  streamName: StreamName,
  eventId: string,
  reason: string,
): InvalidEventForStore => ({
  type: 'INVALID_EVENT_FOR_STORE',
  message: `Event ${isStorableName(eventId) ? eventId : '(unprintable id)'} cannot be stored: ${reason}`,
  streamName,
  eventId,
});

/** The first event of the batch whose names cannot be stored as text, with the reason; undefined when all can. */
export const firstUnstorableName = (
  streamName: StreamName,
  batch: ReadonlyArray<EventToAppend>,
): InvalidEventForStore | undefined => {
  for (const event of batch) {
    if (!isStorableName(streamName)) return invalidEventForStore(streamName, event.eventId, 'the stream name holds a NUL or lone surrogate');
    if (!isStorableName(event.eventId)) return invalidEventForStore(streamName, event.eventId, 'the event id holds a NUL or lone surrogate');
    if (!isStorableName(event.type)) return invalidEventForStore(streamName, event.eventId, 'the event type holds a NUL or lone surrogate');
  }
  return undefined;
};

export interface EncodedEvent {
  readonly data: string;
  readonly metadata: string;
}

/**
 * JSON text for each event's data and metadata. JSON.stringify escapes NUL and lone surrogates, so the
 * text round-trips exactly through any UTF-8 column; a value that is not JSON at run time is refused by name.
 */
export const encodeBatch = (
  streamName: StreamName,
  batch: ReadonlyArray<EventToAppend>,
): E.Either<InvalidEventForStore, ReadonlyArray<EncodedEvent>> => {
  const encoded: EncodedEvent[] = [];
  for (const event of batch) {
    try {
      const data = JSON.stringify(event.data) as string | undefined;
      const metadata = JSON.stringify(event.metadata) as string | undefined;
      if (data === undefined || metadata === undefined) {
        return E.left(invalidEventForStore(streamName, event.eventId, 'its data or metadata is not a JSON value'));
      }
      encoded.push({ data, metadata });
    } catch {
      return E.left(invalidEventForStore(streamName, event.eventId, 'its data or metadata is not serialisable as JSON'));
    }
  }
  return E.right(encoded);
};

/**
 * What every durable append checks before touching its database, in the port's order: an id named twice
 * in the batch, names that cannot be stored as text, data that is not JSON. Right: the batch's JSON text.
 */
export const prepareBatch = (
  streamName: StreamName,
  batch: ReadonlyArray<EventToAppend>,
): E.Either<DuplicateEventId | InvalidEventForStore, ReadonlyArray<EncodedEvent>> => {
  const repeated = firstRepeatedId(batch);
  if (repeated !== undefined) return E.left(duplicateEventId(streamName, repeated));
  const unstorable = firstUnstorableName(streamName, batch);
  return unstorable === undefined ? encodeBatch(streamName, batch) : E.left(unstorable);
};
