import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CheckpointError, CheckpointStore } from '../ports/checkpoint-store.js';
import type { EventStore, GlobalPosition, ReadError } from '../ports/event-store.js';
import type { Projection } from '../ports/projection.js';

export interface CatchUpDependencies<Tx, E> {
  readonly events: EventStore;
  readonly checkpoints: CheckpointStore<Tx>;
  readonly projection: Projection<Tx, E>;
  /** Events per readAll page, each page applied and checkpointed together. Default 500. */
  readonly batchSize?: number;
}

export interface CatchUpResult {
  /** Events applied by this run. */
  readonly applied: number;
  /** The checkpoint when the run stopped: the last event applied, or undefined if there was none. */
  readonly position: GlobalPosition | undefined;
}

export type CatchUpError<E> = E | ReadError | CheckpointError;

const DEFAULT_BATCH_SIZE = 500;

/**
 * Reads the global order from the projection's checkpoint until a page comes back empty ("nothing more
 * yet": run it again, on a timer or after an append, to follow new events), applying each page and
 * moving the checkpoint past it in one step. Stops at the first failure, leaving the checkpoint at the
 * last page that was committed: running it again resumes from there.
 */
export const catchUp =
  <Tx, E>(dependencies: CatchUpDependencies<Tx, E>): TaskEither<CatchUpError<E>, CatchUpResult> =>
  async () => {
    const { events, checkpoints, projection } = dependencies;
    const batchSize = dependencies.batchSize ?? DEFAULT_BATCH_SIZE;
    const start = await checkpoints.read(projection.name)();
    if (E.isLeft(start)) return start;
    let position = start.right;
    let applied = 0;
    for (;;) {
      const page = await events.readAll({ ...(position === undefined ? {} : { after: position }), maxCount: batchSize })();
      if (E.isLeft(page)) return page;
      const last = page.right[page.right.length - 1];
      if (last === undefined) return E.right({ applied, position });
      const committed = await checkpoints.advance(projection.name, position, last.globalPosition, (tx) => projection.apply(page.right, tx))();
      if (E.isLeft(committed)) return committed;
      position = last.globalPosition;
      applied += page.right.length;
    }
  };

/** Empties the read model and forgets the checkpoint in one step, then catches up from the first event. */
export const rebuild =
  <Tx, E>(dependencies: CatchUpDependencies<Tx, E>): TaskEither<CatchUpError<E>, CatchUpResult> =>
  async () => {
    const { checkpoints, projection } = dependencies;
    const reset = await checkpoints.reset(projection.name, (tx) => projection.clear(tx))();
    if (E.isLeft(reset)) return reset;
    return catchUp(dependencies)();
  };
