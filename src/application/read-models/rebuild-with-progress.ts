import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { GlobalPosition } from '../ports/event-store.js';
import { rebuild, type CatchUpDependencies, type CatchUpError, type CatchUpResult } from '../projections/catch-up-runner.js';
import type { Projection } from '../projections/projection.js';

export interface RebuildProgress {
  /** Events applied and committed so far by this rebuild. */
  readonly applied: number;
  /** How many events there are to apply, when the caller knows (the EventStore port does not count). */
  readonly total: number | undefined;
  /** The checkpoint after the last committed batch. */
  readonly position: GlobalPosition;
}

export interface RebuildWithProgressDependencies<Tx, E> extends CatchUpDependencies<Tx, E> {
  /** Called after each committed batch. */
  readonly onProgress: (progress: RebuildProgress) => void;
  readonly totalEvents?: number;
}

/**
 * The runner's `rebuild` (empty the read model and forget the checkpoint together, then catch up from the
 * first event), reporting after every batch that committed: the batch size is noted when the projection
 * applies it and counted only once the checkpoint store has committed it. For `kyc projections rebuild`.
 */
export const rebuildWithProgress = <Tx, E>(dependencies: RebuildWithProgressDependencies<Tx, E>): TaskEither<CatchUpError<E>, CatchUpResult> => {
  const { onProgress, totalEvents, projection, checkpoints } = dependencies;
  let staged = 0;
  let applied = 0;
  const counting: Projection<Tx, E> = {
    ...projection,
    apply: (events, tx) => {
      staged = events.length;
      return projection.apply(events, tx);
    },
  };
  const reporting: CheckpointStore<Tx> = {
    ...checkpoints,
    advance: (name, from, to, update) =>
      TE.map(() => {
        applied += staged;
        onProgress({ applied, total: totalEvents, position: to });
      })(checkpoints.advance(name, from, to, update)),
  };
  return rebuild({ ...dependencies, projection: counting, checkpoints: reporting });
};
