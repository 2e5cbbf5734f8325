import { idDigest, uuidOfDigest } from '../../domain/shared/id-digest.js';

/**
 * An event id that depends only on the command, the stream and the event's place in the batch, so a retried
 * command produces the same ids and the store recognises the replay. Formatted as an RFC 9562 UUIDv8
 * (EventStoreDB and PostgreSQL's uuid type both need a UUID).
 */
export const deterministicEventId = (commandId: string, streamName: string, index: number): string =>
  uuidOfDigest(idDigest(commandId, streamName, index), '8');
