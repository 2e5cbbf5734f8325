import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { EventStore, GlobalPosition, ReadError } from '../ports/event-store.js';

/** When the user last did anything this core recorded: what the retention period counts from. */
export type LastActivityOf = (userId: string) => TaskEither<ReadError, Date | undefined>;

const ownerOf = (data: unknown): unknown => (typeof data === 'object' && data !== null ? (data as { readonly userId?: unknown }).userId : undefined);

/**
 * The latest event of any of the user's streams: their `UserKyc-<id>` stream, and every document or
 * session stream whose first event names them (`userId` is in every first event and never personal).
 * One pass over the whole log: fine for an erasure, which is rare; a read model can replace it.
 * Activity committed while the scan runs is not seen.
 */
export const lastActivityInEventStore =
  (store: EventStore, pageSize = 1000): LastActivityOf =>
  (userId) =>
  async () => {
    const streams = new Set<string>([`UserKyc-${userId}`]);
    let latest: number | undefined;
    let after: GlobalPosition | undefined;
    for (;;) {
      const page = await store.readAll(after === undefined ? { maxCount: pageSize } : { after, maxCount: pageSize })();
      if (E.isLeft(page)) return page;
      const last = page.right[page.right.length - 1];
      if (last === undefined) break;
      for (const event of page.right) {
        if (event.streamVersion === 1 && ownerOf(event.data) === userId) streams.add(event.streamName);
        if (!streams.has(event.streamName)) continue;
        const at = Date.parse(event.metadata.occurredAt);
        if (!Number.isNaN(at) && (latest === undefined || at > latest)) latest = at;
      }
      after = last.globalPosition;
    }
    return E.right(latest === undefined ? undefined : new Date(latest));
  };
