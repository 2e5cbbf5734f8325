import { describe, expect, it } from 'vitest';
import { ExpectedVersion } from '../../application/ports/event-store.js';
import type { ConformanceContext } from './conformance-context.js';
import { anEvent, events, left, readAllUntil, right, streamName } from './conformance-helpers.js';

export const idempotencyChecks = ({ store, options }: ConformanceContext): void => {
  const limitation = options.limitations?.['event-ids-checked-across-streams-and-content'];
  /** A check the adapter declared it cannot pass: reported as skipped, with the reason in its title. */
  const itUnlessLimited = (title: string, check: () => Promise<void>): void =>
    limitation === undefined ? it(title, check) : it.skip(`${title} — NOT SUPPORTED: ${limitation}`, check);

  describe('idempotent append by event id', () => {
    it('the same batch appended again is a no-op success, even with an expected version that no longer holds', async () => {
      const stream = streamName();
      const batch = events(3);
      const first = await right(store().appendToStream(stream, ExpectedVersion.noStream, batch));
      const again = await right(store().appendToStream(stream, ExpectedVersion.noStream, batch));
      expect(again).toEqual(first);
      expect(await right(store().appendToStream(stream, ExpectedVersion.any, batch))).toEqual(first);
      await right(store().appendToStream(stream, ExpectedVersion.exact(3), events(1)));
      expect(await right(store().appendToStream(stream, ExpectedVersion.exact(0), batch))).toEqual(first);
      const read = await right(store().readStream(stream));
      expect(read.events.map((event) => event.eventId)).toEqual([...batch.map((event) => event.eventId), read.events[3]?.eventId]);
      expect(await readAllUntil(store(), 4)).toHaveLength(4);
    });

    it('"the same content" ignores key order in data', async () => {
      const stream = streamName();
      const event = anEvent({ a: 1, b: { c: [1, 2], d: 'x' } });
      await right(store().appendToStream(stream, ExpectedVersion.noStream, [event]));
      const reordered = { ...event, data: { b: { d: 'x', c: [1, 2] }, a: 1 } };
      expect(await right(store().appendToStream(stream, ExpectedVersion.noStream, [reordered]))).toMatchObject({ streamVersion: 1 });
    });

    it('a batch naming one id twice is DUPLICATE_EVENT_ID and writes nothing', async () => {
      const stream = streamName();
      const event = anEvent();
      expect(await left(store().appendToStream(stream, ExpectedVersion.noStream, [event, anEvent(), event]))).toMatchObject({
        type: 'DUPLICATE_EVENT_ID',
        eventId: event.eventId,
      });
      expect(await right(store().readStream(stream))).toEqual({ streamVersion: 0, events: [] });
    });

    itUnlessLimited('the same id with other content in the same stream is DUPLICATE_EVENT_ID', async () => {
      const stream = streamName();
      const event = anEvent({ amount: 1 });
      await right(store().appendToStream(stream, ExpectedVersion.noStream, [event]));
      for (const changed of [{ ...event, data: { amount: 2 } }, { ...event, type: 'Other' }, { ...event, schemaVersion: 2 }]) {
        expect(await left(store().appendToStream(stream, ExpectedVersion.noStream, [changed]))).toMatchObject({
          type: 'DUPLICATE_EVENT_ID',
          streamName: stream,
          eventId: event.eventId,
        });
      }
      expect((await right(store().readStream(stream))).events).toHaveLength(1);
    });

    itUnlessLimited('the same id in another stream is DUPLICATE_EVENT_ID, whatever the expected version', async () => {
      const event = anEvent();
      await right(store().appendToStream(streamName(), ExpectedVersion.noStream, [event]));
      const other = streamName();
      expect(await left(store().appendToStream(other, ExpectedVersion.noStream, [event]))).toMatchObject({ type: 'DUPLICATE_EVENT_ID', eventId: event.eventId });
      expect(await left(store().appendToStream(other, ExpectedVersion.any, [event]))).toMatchObject({ type: 'DUPLICATE_EVENT_ID' });
      expect(await right(store().readStream(other))).toEqual({ streamVersion: 0, events: [] });
    });

    itUnlessLimited('a batch that replays some ids and adds new ones is DUPLICATE_EVENT_ID and writes nothing', async () => {
      const stream = streamName();
      const [a, b] = events(2) as [ReturnType<typeof anEvent>, ReturnType<typeof anEvent>];
      await right(store().appendToStream(stream, ExpectedVersion.noStream, [a]));
      expect(await left(store().appendToStream(stream, ExpectedVersion.any, [a, b]))).toMatchObject({ type: 'DUPLICATE_EVENT_ID' });
      expect((await right(store().readStream(stream))).events.map((event) => event.eventId)).toEqual([a.eventId]);
    });
  });
};
