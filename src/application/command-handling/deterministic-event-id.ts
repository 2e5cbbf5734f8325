import { createHash } from 'node:crypto';

/**
 * An event id that depends only on the command, the stream and the event's place in the batch, so a retried
 * command produces the same ids and the store recognises the replay. Formatted as an RFC 9562 UUIDv8
 * (EventStoreDB and PostgreSQL's uuid type both need a UUID).
 */
export const deterministicEventId = (commandId: string, streamName: string, index: number): string => {
  const hash = createHash('sha256').update(`${commandId}\u0000${streamName}\u0000${index}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x80;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
