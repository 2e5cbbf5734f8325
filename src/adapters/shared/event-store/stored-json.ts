import type { JsonObject } from '../../../application/ports/event-store.js';

/**
 * A stored JSON column read back. Text that no longer parses (a damaged row) is not the store's failure
 * but the event's: it reads as null, which no event codec or metadata codec accepts, so loading the stream
 * answers STORED_EVENT_UNREADABLE naming its stream and version, and the other streams keep working.
 */
export const parseStoredJson = (text: string): JsonObject => {
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    return null as unknown as JsonObject;
  }
};
