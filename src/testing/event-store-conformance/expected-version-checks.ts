import { describe, expect, it } from 'vitest';
import { ExpectedVersion } from '../../application/ports/event-store.js';
import type { ConformanceContext } from './conformance-context.js';
import { anEvent, events, left, right, streamName } from './conformance-helpers.js';

export const expectedVersionChecks = ({ store }: ConformanceContext): void => {
  describe('expected version', () => {
    it('no-stream: creates a stream that does not exist, refuses one that does with its actual version', async () => {
      const stream = streamName();
      expect(await right(store().appendToStream(stream, ExpectedVersion.noStream, events(2)))).toMatchObject({ streamVersion: 2 });
      const error = await left(store().appendToStream(stream, ExpectedVersion.noStream, [anEvent()]));
      expect(error).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', streamName: stream, expected: ExpectedVersion.noStream, actual: 2 });
    });

    it('exact: appends at the current version, refuses a lower or higher one with the actual version', async () => {
      const stream = streamName();
      await right(store().appendToStream(stream, ExpectedVersion.noStream, events(3)));
      for (const wrong of [1, 2, 4, 10]) {
        const error = await left(store().appendToStream(stream, ExpectedVersion.exact(wrong), [anEvent()]));
        expect(error).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', expected: { kind: 'exact', version: wrong }, actual: 3 });
      }
      expect(await right(store().appendToStream(stream, ExpectedVersion.exact(3), events(2)))).toMatchObject({ streamVersion: 5 });
    });

    it('exact on a missing stream is refused with actual version 0; exact(0) means no-stream', async () => {
      const stream = streamName();
      const error = await left(store().appendToStream(stream, ExpectedVersion.exact(1), [anEvent()]));
      expect(error).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', actual: 0 });
      expect(await right(store().appendToStream(stream, ExpectedVersion.exact(0), [anEvent()]))).toMatchObject({ streamVersion: 1 });
    });

    it('any: appends whether or not the stream exists', async () => {
      const stream = streamName();
      expect(await right(store().appendToStream(stream, ExpectedVersion.any, events(2)))).toMatchObject({ streamVersion: 2 });
      expect(await right(store().appendToStream(stream, ExpectedVersion.any, events(1)))).toMatchObject({ streamVersion: 3 });
    });

    it('stream-exists: refuses a missing stream with actual version 0, appends to an existing one', async () => {
      const stream = streamName();
      const error = await left(store().appendToStream(stream, ExpectedVersion.streamExists, [anEvent()]));
      expect(error).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', expected: ExpectedVersion.streamExists, actual: 0 });
      await right(store().appendToStream(stream, ExpectedVersion.noStream, [anEvent()]));
      expect(await right(store().appendToStream(stream, ExpectedVersion.streamExists, events(2)))).toMatchObject({ streamVersion: 3 });
    });

    it('an empty batch checks the expectation and writes nothing', async () => {
      const stream = streamName();
      await right(store().appendToStream(stream, ExpectedVersion.noStream, events(2)));
      expect(await right(store().appendToStream(stream, ExpectedVersion.exact(2), []))).toMatchObject({ streamVersion: 2 });
      expect(await left(store().appendToStream(stream, ExpectedVersion.exact(1), []))).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', actual: 2 });
      expect((await right(store().readStream(stream))).events).toHaveLength(2);
    });

    it('a refusal is a value whose message names the stream and never quotes event data', async () => {
      const stream = streamName();
      const secret = 'Jeanne Dupont, born 1990-02-03';
      await right(store().appendToStream(stream, ExpectedVersion.noStream, [anEvent({ name: secret })]));
      const error = await left(store().appendToStream(stream, ExpectedVersion.noStream, [anEvent({ name: secret })]));
      expect(error.message).toContain(stream);
      expect(JSON.stringify(error)).not.toContain(secret);
    });
  });
};
