import type { EventStoreUnavailable } from '../../../application/ports/event-store.js';

/**
 * The one way a durable adapter reports that its backend failed. The cause is reduced to the driver's
 * error name and code: a driver's message or detail may quote the event's data, which can be personal.
 */
export const eventStoreUnavailable = (message: string, error?: unknown): EventStoreUnavailable => ({
  type: 'EVENT_STORE_UNAVAILABLE',
  message,
  ...(error === undefined ? {} : { cause: safeCause(error) }),
});

export interface SafeCause {
  readonly name: string;
  readonly code?: string;
}

export const safeCause = (error: unknown): SafeCause => {
  if (typeof error !== 'object' || error === null) return { name: typeof error };
  const name = error instanceof Error ? error.name : 'non-error object';
  const code = (error as { readonly code?: unknown }).code;
  return typeof code === 'string' ? { name, code } : { name };
};

/** A short, data-free description of a driver error for messages: its code when it has one. */
export const describeCause = (error: unknown): string => {
  const cause = safeCause(error);
  return cause.code === undefined ? cause.name : `${cause.name} ${cause.code}`;
};
