import { afterEach, beforeEach, describe } from 'vitest';
import type { EventStore } from '../../application/ports/event-store.js';
import type { ConformanceOptions, EventStoreFactory, EventStoreUnderTest } from './conformance-context.js';
import { concurrentWriterChecks } from './concurrent-writer-checks.js';
import { expectedVersionChecks } from './expected-version-checks.js';
import { idempotencyChecks } from './idempotency-checks.js';
import { payloadChecks } from './payload-checks.js';
import { readAllChecks } from './read-all-checks.js';
import { streamReadChecks } from './stream-read-checks.js';

/**
 * The EventStore port's conformance suite, for any adapter: registers vitest checks under
 * `describe(name)`, each on a fresh store from `factory`, torn down after it.
 */
export const describeEventStoreConformance = (name: string, factory: EventStoreFactory, options: ConformanceOptions = {}): void => {
  describe(`EventStore conformance: ${name}`, () => {
    let current: EventStoreUnderTest | undefined;
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      const finished = current;
      current = undefined;
      if (finished === undefined) return;
      await finished.store.close();
      await finished.teardown();
    });
    const store = (): EventStore => {
      if (current === undefined) throw new Error('the conformance store is used outside a check');
      return current.store;
    };
    const context = { store, options };
    expectedVersionChecks(context);
    concurrentWriterChecks(context);
    idempotencyChecks(context);
    streamReadChecks(context);
    readAllChecks(context);
    payloadChecks(context);
  });
};
