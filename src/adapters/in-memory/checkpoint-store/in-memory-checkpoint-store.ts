import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { checkpointMoved, type CheckpointStore } from '../../../application/ports/checkpoint-store.js';
import type { GlobalPosition } from '../../../application/ports/event-store.js';
import { oneAtATime } from '../../shared/event-store/index.js';

/**
 * Checkpoints in memory, for in-memory read models. There is no transaction to share (`Tx` is void):
 * the checkpoint moves only after the update succeeded, so a failed update is delivered again and the
 * projection's idempotence absorbs whatever part of it was applied.
 */
export const createInMemoryCheckpointStore = (): CheckpointStore<void> => {
  const positions = new Map<string, GlobalPosition>();
  // Check, update and move must not interleave with another runner's.
  const serial = oneAtATime();
  return {
    read: (projection) => TE.right(positions.get(projection)),
    advance: (projection, from, to, update) => () =>
      serial(async () => {
        if (positions.get(projection) !== from) return E.left(checkpointMoved(projection));
        const updated = await update()();
        if (E.isLeft(updated)) return updated;
        positions.set(projection, to);
        return E.right(undefined);
      }),
    reset: (projection, clear) => () =>
      serial(async () => {
        const cleared = await clear()();
        if (E.isLeft(cleared)) return cleared;
        positions.delete(projection);
        return E.right(undefined);
      }),
  };
};
