import * as E from 'fp-ts/lib/Either.js';
import { describe } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/in-memory/event-store/index.js';
import type { RecordedEvent } from '../../src/application/ports/event-store.js';
import { failOnUnhandledRejections, fuzzCaseTally } from '../../src/testing/fuzz/index.js';
import { describeStoredEventCorruption } from './support/describe-stored-event-corruption.js';

failOnUnhandledRejections();
const tally = fuzzCaseTally('stored events (in-memory store)');

type Writable<T> = { -readonly [K in keyof T]: T[K] };

describe('events read back from the in-memory store, damaged in place', () => {
  describeStoredEventCorruption(
    async () => {
      const store = createInMemoryEventStore();
      // The store keeps the objects it was given and hands the same ones back: damaging one damages the store.
      const recordedAt = async (streamName: string, version: number): Promise<Writable<RecordedEvent>> => {
        const read = await store.readStream(streamName)();
        const event = E.isRight(read) ? read.right.events[version - 1] : undefined;
        if (event === undefined) throw new Error(`no event ${version} in ${streamName}`);
        return event as Writable<RecordedEvent>;
      };
      return {
        store,
        limits: { truncatedJson: false, anyText: true, maxSchemaVersion: Number.MAX_SAFE_INTEGER },
        corrupt: async (streamName, version, corruption) => {
          const event = await recordedAt(streamName, version);
          if (corruption.column === 'data') event.data = JSON.parse(corruption.json) as RecordedEvent['data'];
          else if (corruption.column === 'metadata') event.metadata = JSON.parse(corruption.json) as RecordedEvent['metadata'];
          else if (corruption.column === 'type') event.type = corruption.value;
          else event.schemaVersion = corruption.value;
        },
        rowsIn: async (streamName) => {
          const read = await store.readStream(streamName)();
          return E.isRight(read) ? read.right.streamVersion : Number.NaN;
        },
        close: () => store.close(),
      };
    },
    tally,
    'in-memory',
    300,
  );
});
