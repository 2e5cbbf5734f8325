import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryEventStore } from '../../src/adapters/in-memory/event-store/index.js';
import { kycDocumentAggregate } from '../../src/application/aggregates.js';
import { createCommandHandler, immediateRetry } from '../../src/application/command-handling/index.js';
import type { EventStore } from '../../src/application/ports/event-store.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { pageFile } from '../support/page-files.js';

const documents = kycDocumentAggregate();
const documentId = 'doc_race' as MangopayId;

/**
 * The store as seen by racing handlers: every read and append waits for the scheduler's go before it
 * touches the store, so fast-check chooses (and shrinks) the interleaving. Appends that succeed are noted
 * with the version they produced.
 */
const scheduledStore = (s: fc.Scheduler, store: EventStore, won: number[]): EventStore => ({
  ...store,
  readStream: (name, options) => () => s.schedule(Promise.resolve(), `read ${name}`).then(() => store.readStream(name, options)()),
  appendToStream: (name, expected, events) => () =>
    s
      .schedule(Promise.resolve(), `append ${name} expecting ${expected.kind === 'exact' ? expected.version : expected.kind}`)
      .then(() => store.appendToStream(name, expected, events)())
      .then((result) => {
        if (E.isRight(result)) won.push(result.right.streamVersion);
        return result;
      }),
});

describe('command handlers racing on one stream (fc.scheduler)', () => {
  it('lose no update, and exactly one append wins each version', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 6 }), fc.boolean(), async (s, writers, sameHandler) => {
        const store = createInMemoryEventStore();
        const setup = createCommandHandler({ store, clock: fixedClock(), retry: immediateRetry(1) });
        const created = await setup(documents, documentId, {
          commandId: 'create' as CommandId,
          command: { type: 'CreateKycDocument', documentId, userId: 'user_race' as MangopayId, documentType: 'ADDRESS_PROOF', creationDate: 1_700_000_000 as UnixTimestamp },
        })();
        expect(E.isRight(created)).toBe(true);

        const won: number[] = [];
        const racing = scheduledStore(s, store, won);
        // Each writer is its own handler (as if in another process) unless they share one; enough retries for every loser.
        const shared = createCommandHandler({ store: racing, clock: fixedClock(), retry: immediateRetry(writers + 1) });
        const handlers = Array.from({ length: writers }, () =>
          sameHandler ? shared : createCommandHandler({ store: racing, clock: fixedClock(), retry: immediateRetry(writers + 1) }),
        );
        const results = handlers.map((handle, i) =>
          handle(documents, documentId, {
            commandId: `page-${i}` as CommandId,
            command: { type: 'AddKycPage', documentId, userId: 'user_race' as MangopayId, file: pageFile('PNG', 1100 + i) },
          })(),
        );
        await s.waitFor(Promise.all(results));
        const outcomes = await Promise.all(results);

        // No update lost: every writer succeeded, and the stream holds every page once.
        for (const outcome of outcomes) expect(E.isRight(outcome)).toBe(true);
        const read = await store.readStream(`KycDocument-${documentId}`)();
        const events = E.isRight(read) ? read.right.events : [];
        expect(events).toHaveLength(writers + 1);
        const pageCommands = events.slice(1).map((event) => event.metadata.commandId).sort();
        expect(pageCommands).toEqual(Array.from({ length: writers }, (_, i) => `page-${i}`).sort());
        const pageNumbers = events.slice(1).map((event) => (event.data as { pageNumber?: number }).pageNumber);
        expect(pageNumbers).toEqual(Array.from({ length: writers }, (_, i) => i + 1));

        // Exactly one append won each version after the creation.
        expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => i + 2));
      }),
      { numRuns: 200 },
    );
  });
});
