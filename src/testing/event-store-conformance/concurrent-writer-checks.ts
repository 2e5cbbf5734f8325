import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { ExpectedVersion, type EventStore, type StreamName } from '../../application/ports/event-store.js';
import type { ConformanceContext } from './conformance-context.js';
import { anEvent, events, right, streamName } from './conformance-helpers.js';

const WRITERS = 8;
const APPENDS_PER_WRITER = 6;

/** One writer's loop: read the head, append one event at exactly that version, retry on a conflict. */
const writeWithRetries = async (store: EventStore, stream: StreamName, writer: number): Promise<{ won: number[]; conflicts: number }> => {
  const won: number[] = [];
  let conflicts = 0;
  for (let n = 0; n < APPENDS_PER_WRITER; ) {
    const { streamVersion } = await right(store.readStream(stream));
    const appended = await store.appendToStream(stream, ExpectedVersion.exact(streamVersion), [anEvent({ writer, n })])();
    if (E.isRight(appended)) {
      won.push(appended.right.streamVersion);
      n++;
    } else if (appended.left.type === 'WRONG_EXPECTED_VERSION') {
      expect(appended.left.actual).toBeGreaterThan(streamVersion);
      conflicts++;
    } else {
      throw new Error(`writer ${writer} got ${appended.left.type}: ${appended.left.message}`);
    }
  }
  return { won, conflicts };
};

export const concurrentWriterChecks = ({ store }: ConformanceContext): void => {
  describe('concurrent writers on one stream', () => {
    it(`K writers appending at the same version at once: exactly one wins, the others learn the new version`, async () => {
      const stream = streamName();
      await right(store().appendToStream(stream, ExpectedVersion.noStream, events(3)));
      const outcomes = await Promise.all(
        Array.from({ length: WRITERS }, () => store().appendToStream(stream, ExpectedVersion.exact(3), events(2))()),
      );
      const winners = outcomes.filter(E.isRight);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.right.streamVersion).toBe(5);
      for (const outcome of outcomes.filter(E.isLeft)) expect(outcome.left).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', actual: 5 });
      expect((await right(store().readStream(stream))).events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    });

    it('K writers creating the same stream at once: exactly one wins', async () => {
      const stream = streamName();
      const outcomes = await Promise.all(Array.from({ length: WRITERS }, () => store().appendToStream(stream, ExpectedVersion.noStream, events(1))()));
      expect(outcomes.filter(E.isRight)).toHaveLength(1);
      for (const outcome of outcomes.filter(E.isLeft)) expect(outcome.left).toMatchObject({ type: 'WRONG_EXPECTED_VERSION', actual: 1 });
    });

    it(`${WRITERS} writers × ${APPENDS_PER_WRITER} appends, read-then-append with retries: each version won once, nothing lost or duplicated`, async () => {
      const stream = streamName();
      const results = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => writeWithRetries(store(), stream, writer)));
      const total = WRITERS * APPENDS_PER_WRITER;
      const wonVersions = results.flatMap((result) => result.won).sort((a, b) => a - b);
      expect(wonVersions).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const read = await right(store().readStream(stream));
      expect(read.streamVersion).toBe(total);
      expect(read.events.map((event) => event.streamVersion)).toEqual(wonVersions);
      expect(new Set(read.events.map((event) => event.eventId)).size).toBe(total);
      for (let writer = 0; writer < WRITERS; writer++) {
        // Each writer's own events are in the stream in the order it wrote them.
        const ns = read.events.filter((event) => event.data['writer'] === writer).map((event) => event.data['n']);
        expect(ns).toEqual(Array.from({ length: APPENDS_PER_WRITER }, (_, n) => n));
      }
    });

    it('concurrent writers with expected version any never lose an event', async () => {
      const stream = streamName();
      await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          Promise.all(Array.from({ length: 3 }, (_, n) => right(store().appendToStream(stream, ExpectedVersion.any, [anEvent({ writer, n })])))),
        ),
      );
      const read = await right(store().readStream(stream));
      expect(read.events.map((event) => event.streamVersion)).toEqual(Array.from({ length: WRITERS * 3 }, (_, i) => i + 1));
    });
  });
};
