import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { PersonalDataUnreadable, StoredEventUnreadable } from '../command-handling/command-handling-errors.js';
import type { StreamTimeline, TimelineError } from './stream-timeline.js';

/** A stream whose timeline cannot be shown: the first event that does not read (damaged at rest), by version, never by content. */
export type UnreadableStream = StoredEventUnreadable | PersonalDataUnreadable;

export interface StreamTimelines {
  /** The streams that read, in the order asked, those with no events left out. */
  readonly timelines: ReadonlyArray<StreamTimeline>;
  readonly unreadable: ReadonlyArray<UnreadableStream>;
}

const isUnreadable = (error: TimelineError): error is UnreadableStream =>
  error.type === 'STORED_EVENT_UNREADABLE' || error.type === 'PERSONAL_DATA_UNREADABLE';

/**
 * The timelines of several streams (a user's, for an audit): a stream damaged at rest is named and the others are
 * shown, so one damaged stream never hides a user's whole history. Any other failure (the store is down) stops it.
 */
export const timelinesOfStreams =
  (timeline: (streamName: string) => TaskEither<TimelineError, StreamTimeline>) =>
  (streamNames: ReadonlyArray<string>): TaskEither<Exclude<TimelineError, UnreadableStream>, StreamTimelines> =>
  async () => {
    const timelines: StreamTimeline[] = [];
    const unreadable: UnreadableStream[] = [];
    for (const streamName of streamNames) {
      const read = await timeline(streamName)();
      if (E.isRight(read)) {
        if (read.right.entries.length > 0) timelines.push(read.right);
      } else if (isUnreadable(read.left)) {
        unreadable.push(read.left);
      } else {
        return E.left(read.left as Exclude<TimelineError, UnreadableStream>);
      }
    }
    return E.right({ timelines, unreadable });
  };
