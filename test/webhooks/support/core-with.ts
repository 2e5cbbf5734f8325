import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../src/adapters/in-memory/event-store/index.js';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../../../src/application/aggregates.js';
import { createCommandHandler, immediateRetry } from '../../../src/application/command-handling/index.js';
import type { Clock } from '../../../src/application/ports/clock.js';
import type { EventStore, RecordedEvent } from '../../../src/application/ports/event-store.js';
import type { MangopayApi } from '../../../src/application/ports/mangopay-api.js';
import type { KycCoreDependencies } from '../../../src/application/platform-commands/index.js';

/** The use cases' dependencies over a store (in memory by default) and a Mangopay. */
export const coreWith = (mangopay: MangopayApi, clock: Clock, store: EventStore = createInMemoryEventStore()): KycCoreDependencies => ({
  store,
  handle: createCommandHandler({ store, clock, retry: immediateRetry(5) }),
  mangopay,
  documents: kycDocumentAggregate(),
  sessions: idvSessionAggregate,
  users: userKycAggregate,
});

/** Every event in the store, in global order. */
export const allEvents = async (store: EventStore): Promise<ReadonlyArray<RecordedEvent>> => {
  const events: RecordedEvent[] = [];
  for (;;) {
    const last = events[events.length - 1];
    const page = await store.readAll({ ...(last === undefined ? {} : { after: last.globalPosition }), maxCount: 1000 })();
    if (E.isLeft(page)) throw new Error(page.left.message);
    if (page.right.length === 0) return events;
    events.push(...page.right);
  }
};
