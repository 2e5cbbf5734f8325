import type { HookNotification } from '../../../application/ports/webhook-inbox.js';

/** (EventType, RessourceId, Date) as one string: neither part can hold a NUL, so the join is unambiguous. */
export const dedupeKeyOf = (notification: Pick<HookNotification, 'eventType'> & { readonly resourceId: string; readonly date: number }): string =>
  `${notification.eventType}\u0000${notification.resourceId}\u0000${notification.date}`;
