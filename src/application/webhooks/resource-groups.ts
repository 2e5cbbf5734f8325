import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { InboxEntry } from '../ports/webhook-inbox.js';
import type { HookResource } from './hook-event-types.js';

/** The entries of one round that name the same resource: one re-fetch answers them all. */
export interface ResourceGroup {
  readonly resource: HookResource;
  readonly id: MangopayId;
  /** In sequence order, as claimed. */
  readonly entries: ReadonlyArray<InboxEntry>;
}

/**
 * Coalesces the entries of a round by the resource they name, in the order each resource first appears; the
 * entries of an event type this build does not act on are kept apart. One view read after all of a group's
 * entries were recorded shows whatever each of them announced.
 */
export const groupByResource = (
  entries: ReadonlyArray<InboxEntry>,
  resourceOf: (eventType: string) => HookResource | undefined,
): { readonly groups: ReadonlyArray<ResourceGroup>; readonly unknownEventType: ReadonlyArray<InboxEntry> } => {
  const groups = new Map<string, { resource: HookResource; id: MangopayId; entries: InboxEntry[] }>();
  const unknownEventType: InboxEntry[] = [];
  for (const entry of entries) {
    const resource = resourceOf(entry.notification.eventType);
    if (resource === undefined) {
      unknownEventType.push(entry);
      continue;
    }
    const key = `${resource}\u0000${entry.notification.resourceId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { resource, id: entry.notification.resourceId, entries: [entry] });
    else group.entries.push(entry);
  }
  return { groups: [...groups.values()], unknownEventType };
};
