import { jsonEvent, type AllStreamRecordedEvent, type EventData, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, GlobalPosition, JsonObject, RecordedEvent } from '../../../application/ports/event-store.js';

/**
 * How an event sits in EventStoreDB: its data as the JSON body, and its metadata wrapped in an envelope
 * that also carries the schema version, so neither can collide with the other's keys.
 */
interface MetadataEnvelope {
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
}

const isEnvelope = (value: unknown): value is MetadataEnvelope =>
  typeof value === 'object' && value !== null && typeof (value as { schemaVersion?: unknown }).schemaVersion === 'number';

export const toEventData = (event: EventToAppend): EventData =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: { schemaVersion: event.schemaVersion, metadata: event.metadata } satisfies MetadataEnvelope,
  });

/**
 * Back to the port's shape. An event written by another tool (no envelope, binary data) is returned with
 * what can be read of it, schema version 0, rather than dropped from the order.
 */
export const fromRecordedEvent = (
  event: EsdbRecordedEvent | AllStreamRecordedEvent,
  streamName: string,
  globalPosition: GlobalPosition,
): RecordedEvent => {
  const envelope = isEnvelope(event.metadata) ? event.metadata : undefined;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope?.schemaVersion ?? 0,
    data: (event.isJson && typeof event.data === 'object' && event.data !== null ? event.data : {}) as JsonObject,
    metadata: envelope?.metadata ?? ({} as EventMetadata),
    streamName,
    streamVersion: Number(event.revision) + 1,
    globalPosition,
  };
};
