import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpectedVersion, type EventToAppend, type JsonObject } from '../../application/ports/event-store.js';
import type { ConformanceContext } from './conformance-context.js';
import { anEvent, asAppended, left, readAllUntil, right, streamName } from './conformance-helpers.js';
import { AWKWARD_STRINGS, awkwardData, largeString } from './awkward-payloads.js';

const withMetadata = (event: EventToAppend, extra: JsonObject): EventToAppend => ({ ...event, metadata: { ...event.metadata, ...extra } });

export const payloadChecks = ({ store }: ConformanceContext): void => {
  describe('awkward payloads round-trip exactly', () => {
    it('every kind of Unicode and NUL, in data, keys and metadata, through readStream and readAll', async () => {
      const stream = streamName('unicode-𝔘-م-👩‍👩‍👧');
      const batch = [
        withMetadata(anEvent(awkwardData(), 'Awkward🙂Type'), { note: AWKWARD_STRINGS.nulInside, rtl: AWKWARD_STRINGS.rightToLeft }),
        anEvent({ only: AWKWARD_STRINGS.nulOnly }),
      ];
      await right(store().appendToStream(stream, ExpectedVersion.noStream, batch));
      expect((await right(store().readStream(stream))).events.map(asAppended)).toEqual(batch);
      expect((await readAllUntil(store(), 2)).map(asAppended)).toEqual(batch);
      // A replay compares the stored content with the given one: it must see them as the same.
      expect(await right(store().appendToStream(stream, ExpectedVersion.any, batch))).toMatchObject({ streamVersion: 2 });
    });

    it('large events (1.5 MB and 1 MB, mixed byte widths) in one batch with a small one', async () => {
      const stream = streamName();
      const batch = [anEvent({ blob: largeString(1.5) }), anEvent({ small: true }), anEvent({ list: [largeString(1), 'end'] })];
      await right(store().appendToStream(stream, ExpectedVersion.noStream, batch));
      const read = await right(store().readStream(stream));
      expect(read.events.map(asAppended)).toEqual(batch);
      expect((await readAllUntil(store(), 3)).map(asAppended)).toEqual(batch);
    }, 60_000);

    it('property: any JSON data with any code points round-trips exactly', async () => {
      // What JSON can carry: fc.jsonValue may draw -0, which JSON writes as 0 (no store can be asked to keep it).
      const jsonValue = fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
      const data = fc.dictionary(fc.string({ unit: 'binary' }), jsonValue, { maxKeys: 6 });
      await fc.assert(
        fc.asyncProperty(fc.array(data, { minLength: 1, maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 12 }), async (datas, text) => {
          const stream = streamName();
          const batch = datas.map((d) => withMetadata(anEvent(d as JsonObject), { text }));
          await right(store().appendToStream(stream, ExpectedVersion.noStream, batch));
          expect((await right(store().readStream(stream))).events.map(asAppended)).toEqual(batch);
        }),
        { numRuns: 40 },
      );
    }, 60_000);

    it('a name holding NUL is either stored exactly or refused as INVALID_EVENT_FOR_STORE naming the event', async () => {
      const stream = streamName('nul\u0000name');
      const event = anEvent({}, 'Type\u0000WithNul');
      const outcome = await store().appendToStream(stream, ExpectedVersion.noStream, [event])();
      if (outcome._tag === 'Right') {
        expect((await right(store().readStream(stream))).events.map(asAppended)).toEqual([event]);
      } else {
        expect(outcome.left).toMatchObject({ type: 'INVALID_EVENT_FOR_STORE', eventId: event.eventId });
        expect(outcome.left.message).toContain(event.eventId);
        expect(await right(store().readStream(stream))).toEqual({ streamVersion: 0, events: [] });
      }
    });
  });

  describe('a closed store', () => {
    it('answers EVENT_STORE_UNAVAILABLE as a value, never a throw or a rejection', async () => {
      const stream = streamName();
      await right(store().appendToStream(stream, ExpectedVersion.noStream, [anEvent()]));
      await store().close();
      await store().close();
      expect(await left(store().appendToStream(stream, ExpectedVersion.any, [anEvent()]))).toMatchObject({ type: 'EVENT_STORE_UNAVAILABLE' });
      expect(await left(store().readStream(stream))).toMatchObject({ type: 'EVENT_STORE_UNAVAILABLE' });
      expect(await left(store().readAll())).toMatchObject({ type: 'EVENT_STORE_UNAVAILABLE' });
    });
  });
};
