import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore, ReadError } from '../ports/event-store.js';

/** The projection did not reach what the store had acknowledged within the wait: answer 503 and let the client retry. */
export interface ProjectionBehind {
  readonly type: 'PROJECTION_BEHIND';
  readonly message: string;
}

export interface CaughtUpDependencies {
  readonly events: Pick<EventStore, 'lastPosition'>;
  readonly checkpoints: Pick<CheckpointStore<unknown>, 'read'>;
  readonly projection: string;
  /** Runs one catch-up (whoever's: this process's, or just a wait while another instance moves the checkpoint). */
  readonly catchUp: () => Promise<void>;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** How long a read may wait for the projection before it is answered PROJECTION_BEHIND. */
  readonly maxWaitMs: number;
}

/**
 * Read-your-writes across every process sharing the store: before a read model answers, its projection must
 * have reached the last position the store had acknowledged when the read came in — whichever instance wrote
 * it, and however the catch-up is shared between instances (the checkpoint moves once, by whoever holds it).
 * Waiting on this instance's own appends only would miss the other instances' ones.
 */
export const caughtUpWithStore =
  (dependencies: CaughtUpDependencies): TaskEither<ProjectionBehind | ReadError, void> =>
  async () => {
    const { events, checkpoints, projection, catchUp, clock, sleep, maxWaitMs } = dependencies;
    const target = await events.lastPosition()();
    if (E.isLeft(target)) return target;
    if (target.right === undefined) return E.right(undefined);
    const deadline = clock.now().getTime() + maxWaitMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      await catchUp();
      const reached = await checkpoints.read(projection)();
      if (E.isRight(reached) && reached.right !== undefined && reached.right >= target.right) return E.right(undefined);
      if (clock.now().getTime() >= deadline) {
        return E.left({ type: 'PROJECTION_BEHIND', message: 'The lists have not yet caught up with the latest changes: retry in a moment' });
      }
      await sleep(pause);
    }
  };
