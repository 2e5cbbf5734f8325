import type { EventMetadata, JsonObject, RecordedEvent } from '../../../application/ports/event-store.js';
import { encodePosition } from './global-position.js';

/** An events row as the driver returns it (`json` columns arrive parsed). */
export interface EventRow {
  readonly transaction_id: string;
  readonly stream_name: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly event_type: string;
  readonly schema_version: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.event_type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  streamName: row.stream_name,
  streamVersion: row.stream_version,
  globalPosition: encodePosition(row.transaction_id, row.stream_version),
});

/** A row of a LEFT JOIN on events: the head of a stream, and an event or nulls. */
export type HeadAndMaybeEventRow = { readonly head: number } & (EventRow | { readonly [K in keyof EventRow]: null });

export const eventsOf = (rows: ReadonlyArray<HeadAndMaybeEventRow>): RecordedEvent[] => {
  const events: RecordedEvent[] = [];
  for (const row of rows) if (row.event_id !== null) events.push(toRecordedEvent(row as EventRow));
  return events;
};
