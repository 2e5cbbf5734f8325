import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { ExpectedVersion, type EventStore } from '../../application/ports/event-store.js';

/** One reveal of a personal value in the console: who, when, which value (by place, never the value), and why. */
export interface AccessLogEntry {
  readonly at: string;
  readonly keyId: string;
  readonly role: string;
  readonly userId: string;
  readonly streamName: string;
  readonly streamVersion: number;
  /** Where in the event: `checks.0.dataPoints.1.value`. */
  readonly field: string;
  /** What kind of value it is (a data point's type, or the event field's name). */
  readonly label: string;
  readonly reason: string;
}

export interface AccessLogUnavailable {
  readonly type: 'ACCESS_LOG_UNAVAILABLE';
  readonly message: string;
}

export interface AccessLog {
  /** Durable when it answers Right: a reveal is shown only after its entry is kept. */
  readonly record: (entry: AccessLogEntry) => TaskEither<AccessLogUnavailable, void>;
  readonly entriesOf: (userId: string) => TaskEither<AccessLogUnavailable, ReadonlyArray<AccessLogEntry>>;
}

export const ACCESS_STREAM_PREFIX = 'ConsoleAccess-';
export const PERSONAL_VALUE_REVEALED = 'PersonalValueRevealed';

/**
 * The event's data. The user is named by the stream only: a top-level `userId` would make a reveal count as the
 * user's own activity, and so restart their retention period (lastActivityInEventStore reads first events' `userId`).
 */
const RevealedData = t.type(
  { keyId: t.string, role: t.string, streamName: t.string, streamVersion: t.number, field: t.string, label: t.string, reason: t.string },
  'PersonalValueRevealed',
);

const unavailable = (message: string): AccessLogUnavailable => ({ type: 'ACCESS_LOG_UNAVAILABLE', message });

/**
 * The access log as events in the event store, a stream per user (`ConsoleAccess-<userId>`): as durable as the
 * decisions it is about, shared by every instance on the same store, and outside every aggregate's streams (the
 * read model, the sweep and the audit timelines read none of it).
 */
export const createEventStoreAccessLog = (store: EventStore): AccessLog => ({
  record: (entry) => async () => {
    const { userId, at, ...data } = entry;
    const appended = await store.appendToStream(`${ACCESS_STREAM_PREFIX}${userId}`, ExpectedVersion.any, [
      { eventId: randomUUID(), type: PERSONAL_VALUE_REVEALED, schemaVersion: 1, data, metadata: { commandId: `console-${randomUUID()}`, occurredAt: at } },
    ])();
    return E.isRight(appended) ? E.right(undefined) : E.left(unavailable('The console access log cannot be written'));
  },
  entriesOf: (userId) => async () => {
    const read = await store.readStream(`${ACCESS_STREAM_PREFIX}${userId}`)();
    if (E.isLeft(read)) return E.left(unavailable('The console access log cannot be read'));
    // An entry that does not decode is left out, never a failure for the others.
    return E.right(
      read.right.events.flatMap((event) => {
        const data = RevealedData.decode(event.data);
        return event.type === PERSONAL_VALUE_REVEALED && E.isRight(data) ? [{ ...data.right, userId, at: event.metadata.occurredAt }] : [];
      }),
    );
  },
});
