import type { EventToAppend, InvalidEventForStore, StreamName } from '../../../application/ports/event-store.js';
import { invalidEventForStore } from '../../shared/event-store/index.js';

const codeOf = (error: unknown): string | undefined => {
  const code = typeof error === 'object' && error !== null ? (error as { readonly code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === '23505';

/**
 * Class 22 (data exception) and 54 (program limit exceeded) mean the database refused what it was
 * given, not that it is down: the batch cannot be stored as it is. Names are checked before sending,
 * so this is mostly a size limit; the database does not say which event, so the first one is named.
 */
export const refusedBatch = (
  error: unknown,
  streamName: StreamName,
  batch: ReadonlyArray<EventToAppend>,
): InvalidEventForStore | undefined => {
  const code = codeOf(error);
  const first = batch[0];
  if (code === undefined || first === undefined || !(code.startsWith('22') || code.startsWith('54'))) return undefined;
  return invalidEventForStore(streamName, first.eventId, `PostgreSQL refused the batch holding it (SQLSTATE ${code})`);
};
