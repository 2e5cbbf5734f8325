import { describe, expect, it } from 'vitest';
import { ExpectedVersion } from '../../application/ports/event-store.js';
import type { ConformanceContext } from './conformance-context.js';
import { anEvent, asAppended, events, isStrictlyIncreasing, left, readAllUntil, right, streamName } from './conformance-helpers.js';

export const streamReadChecks = ({ store, options }: ConformanceContext): void => {
  describe('reading a stream', () => {
    it('a missing stream reads as version 0 with no events', async () => {
      expect(await right(store().readStream(streamName()))).toEqual({ streamVersion: 0, events: [] });
      expect(await right(store().readStream(streamName(), { afterVersion: 5 }))).toEqual({ streamVersion: 0, events: [] });
    });

    it('reads back every event in order, exactly as appended, with versions from 1 and increasing positions', async () => {
      const stream = streamName();
      const first = events(3, (i) => ({ i, nested: { list: [i, 'x', null, true, 1.5] } }));
      const second = events(2);
      await right(store().appendToStream(stream, ExpectedVersion.noStream, first));
      const appended = await right(store().appendToStream(stream, ExpectedVersion.exact(3), second));
      const read = await right(store().readStream(stream));
      expect(read.streamVersion).toBe(5);
      expect(read.events.map(asAppended)).toEqual([...first, ...second]);
      expect(read.events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      expect(read.events.every((event) => event.streamName === stream)).toBe(true);
      expect(isStrictlyIncreasing(read.events.map((event) => event.globalPosition))).toBe(true);
      expect(read.events[4]?.globalPosition).toBe(appended.globalPosition);
    });

    it('afterVersion returns only the later events, and still the stream version', async () => {
      const stream = streamName();
      const batch = events(5);
      await right(store().appendToStream(stream, ExpectedVersion.noStream, batch));
      const after2 = await right(store().readStream(stream, { afterVersion: 2 }));
      expect(after2.streamVersion).toBe(5);
      expect(after2.events.map((event) => event.eventId)).toEqual(batch.slice(2).map((event) => event.eventId));
      expect(await right(store().readStream(stream, { afterVersion: 5 }))).toEqual({ streamVersion: 5, events: [] });
      expect(await right(store().readStream(stream, { afterVersion: 9 }))).toEqual({ streamVersion: 5, events: [] });
    });
  });

  describe('a batch is atomic', () => {
    it('a batch refused for its expected version leaves nothing', async () => {
      const stream = streamName();
      await right(store().appendToStream(stream, ExpectedVersion.noStream, events(1)));
      await left(store().appendToStream(stream, ExpectedVersion.exact(7), events(4)));
      expect((await right(store().readStream(stream))).streamVersion).toBe(1);
      expect(await readAllUntil(store(), 1)).toHaveLength(1);
    });

    const limitation = options.limitations?.['event-ids-checked-across-streams-and-content'];
    const title = 'a batch refused for an id in its middle already used elsewhere leaves nothing, in the stream or in the global order';
    const check = async (): Promise<void> => {
      const taken = anEvent();
      await right(store().appendToStream(streamName(), ExpectedVersion.noStream, [taken]));
      const stream = streamName();
      const batch = [anEvent(), anEvent(), taken, anEvent()];
      expect(await left(store().appendToStream(stream, ExpectedVersion.noStream, batch))).toMatchObject({ type: 'DUPLICATE_EVENT_ID' });
      expect(await right(store().readStream(stream))).toEqual({ streamVersion: 0, events: [] });
      await right(store().appendToStream(streamName(), ExpectedVersion.noStream, [anEvent()]));
      const all = await readAllUntil(store(), 2);
      expect(all.map((event) => event.eventId)).not.toContain(batch[0]?.eventId);
      expect(all).toHaveLength(2);
    };
    if (limitation === undefined) it(title, check);
    else it.skip(`${title} — NOT SUPPORTED: ${limitation}`, check);
  });
};
