import * as TE from 'fp-ts/lib/TaskEither.js';
import { EXAMPLE_PROJECTION_NAME, streamTypeOf, type ExampleReadModel } from './stream-type.js';

/** Counts events per stream type; idempotent through a per-stream high-water version. */
export const inMemoryEventsPerStreamType = (): ExampleReadModel<void> => {
  const heads = new Map<string, number>();
  const counts = new Map<string, number>();
  return {
    projection: {
      name: EXAMPLE_PROJECTION_NAME,
      apply: (events) => {
        for (const event of events) {
          if (event.streamVersion <= (heads.get(event.streamName) ?? 0)) continue;
          heads.set(event.streamName, event.streamVersion);
          const type = streamTypeOf(event.streamName);
          counts.set(type, (counts.get(type) ?? 0) + 1);
        }
        return TE.right(undefined);
      },
      clear: () => {
        heads.clear();
        counts.clear();
        return TE.right(undefined);
      },
    },
    counts: async () => Object.fromEntries(counts),
  };
};
