import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Aggregate } from '../command-handling/aggregate.js';
import type { PersonalDataUnreadable, StoredEventUnreadable } from '../command-handling/command-handling-errors.js';
import { readDecodedStream } from '../command-handling/load-aggregate.js';
import type { EventStore, ReadError } from '../ports/event-store.js';
import type { PersonalDataVault } from '../ports/personal-data-vault.js';
import { sourceOf, summarizeEvent, type AuditedEvent } from './event-summary.js';
import { escapeControls } from './escape-controls.js';
import type { PersonalDataView } from './personal-data-view.js';

export interface TimelineEntry {
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly occurredAt: string;
  readonly commandId: string;
  readonly type: string;
  readonly source: string;
  readonly summary: string;
}

export interface StreamTimeline {
  readonly streamName: string;
  readonly entries: ReadonlyArray<TimelineEntry>;
}

export type TimelineError = ReadError | StoredEventUnreadable | PersonalDataUnreadable | { readonly type: 'UNKNOWN_STREAM_KIND'; readonly message: string };

/**
 * A stream as an auditor reads it: each event, when, by which command, from whom, in one line. Give the
 * vault the store was written with: personal fields then show as they are (or masked, for a `masked` view), or as erased.
 */
export const streamTimeline =
  (store: EventStore, aggregates: ReadonlyArray<Aggregate<unknown, AuditedEvent, unknown, unknown>>, vault?: PersonalDataVault) =>
  (streamName: string, view: PersonalDataView = 'shown'): TaskEither<TimelineError, StreamTimeline> =>
  async () => {
    const aggregate = aggregates.find((a) => streamName.startsWith(`${a.name}-`));
    if (aggregate === undefined) {
      return E.left({ type: 'UNKNOWN_STREAM_KIND', message: `No aggregate owns stream ${streamName}` });
    }
    const read = await readDecodedStream(store, aggregate, streamName, vault)();
    if (E.isLeft(read)) return read;
    const entries: TimelineEntry[] = read.right.recorded.map((recorded, i) => {
      const event = read.right.events[i] as AuditedEvent;
      return {
        streamVersion: recorded.streamVersion,
        globalPosition: recorded.globalPosition.toString(),
        occurredAt: recorded.metadata.occurredAt,
        commandId: recorded.metadata.commandId,
        type: recorded.type,
        source: sourceOf(event),
        summary: summarizeEvent(event, view),
      };
    });
    return E.right({ streamName, entries });
  };

/**
 * Plain text, one event a line, for terminals, the CLI and `format=text`. Every line is escaped whole (escapeControls):
 * what a Tag or a refusal message holds can never start a line of its own or drive the terminal.
 */
export const renderTimeline = (timeline: StreamTimeline): string =>
  [
    `${timeline.streamName}`,
    ...timeline.entries.map(
      (e) =>
        `  v${String(e.streamVersion).padEnd(3)} ${e.occurredAt}  ${e.source === '' ? '' : `[${e.source}] `}${e.summary}   (${e.type}, command ${e.commandId})`,
    ),
  ]
    .map(escapeControls)
    .join('\n');
