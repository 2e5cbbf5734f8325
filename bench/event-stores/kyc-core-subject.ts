import * as E from 'fp-ts/lib/Either.js';
import { ExpectedVersion, type EventStore } from '../../src/application/ports/event-store.js';
import type { BenchSubject } from './bench-subject.js';

/** kyc-core's own adapters, through the EventStore port. */
export const kycCoreSubject = (name: string, store: EventStore): BenchSubject => ({
  name,
  append: async (stream, version, events) => {
    const result = await store.appendToStream(stream, ExpectedVersion.exact(version), events)();
    if (E.isLeft(result)) throw new Error(`${name}: ${result.left.message}`);
  },
  readStream: async (stream) => {
    const result = await store.readStream(stream)();
    if (E.isLeft(result)) throw new Error(`${name}: ${result.left.message}`);
    return result.right.events.length;
  },
  readAllPage: async (after, maxCount) => {
    const result = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount })();
    if (E.isLeft(result)) throw new Error(`${name}: ${result.left.message}`);
    return { count: result.right.length, last: result.right[result.right.length - 1]?.globalPosition };
  },
  close: () => store.close(),
});
