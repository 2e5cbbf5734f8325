import type { Clock } from '../ports/clock.js';
import type { HookResource } from './hook-event-types.js';

/**
 * Ids Mangopay answered it does not know, remembered for a while (a negative cache): a forger repeating an
 * invented id with fresh dates costs one call per id per window, not one per hook. Bounded: past `capacity`
 * the oldest are forgotten (they cost a call again, nothing worse).
 */
export interface UnknownIds {
  readonly has: (resource: HookResource, id: string) => boolean;
  readonly remember: (resource: HookResource, id: string) => void;
}

export const createUnknownIds = (clock: Clock, options: { readonly forMs: number; readonly capacity: number }): UnknownIds => {
  const until = new Map<string, number>();
  const keyOf = (resource: HookResource, id: string): string => `${resource}\u0000${id}`;
  return {
    has: (resource, id) => {
      const key = keyOf(resource, id);
      const expiry = until.get(key);
      if (expiry === undefined) return false;
      if (expiry > clock.now().getTime()) return true;
      until.delete(key);
      return false;
    },
    remember: (resource, id) => {
      const key = keyOf(resource, id);
      // Re-inserted so the map's order stays the order of expiry: the first key is always the oldest.
      until.delete(key);
      until.set(key, clock.now().getTime() + options.forMs);
      for (const oldest of until.keys()) {
        if (until.size <= options.capacity) break;
        until.delete(oldest);
      }
    },
  };
};
