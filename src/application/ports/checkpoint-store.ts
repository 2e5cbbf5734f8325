import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { GlobalPosition } from './event-store.js';

/**
 * Where a projection keeps how far it has read the global event order. It lives in the read model's own
 * database, so that the projection's update and the move of its checkpoint are one transaction: after a
 * crash the read model and its checkpoint always agree. `Tx` is that database's transaction handle,
 * handed to the update; a store without transactions (in memory) hands nothing and relies on the
 * projection being idempotent, which every projection must be anyway (delivery is at least once).
 */
export interface CheckpointStoreUnavailable {
  readonly type: 'CHECKPOINT_STORE_UNAVAILABLE';
  readonly message: string;
  readonly cause?: unknown;
}

/** Another runner of the same projection moved the checkpoint first: this batch was not committed. */
export interface CheckpointMoved {
  readonly type: 'CHECKPOINT_MOVED';
  readonly message: string;
  readonly projection: string;
}

export type CheckpointError = CheckpointStoreUnavailable | CheckpointMoved;

export interface CheckpointStore<Tx> {
  /** The position of the last event the projection has applied; undefined when it has applied none. */
  readonly read: (projection: string) => TaskEither<CheckpointStoreUnavailable, GlobalPosition | undefined>;

  /**
   * Runs `update` and moves the checkpoint from `from` to `to`, in one transaction when the store has them.
   * If the checkpoint is no longer at `from`, nothing is committed and the answer is CHECKPOINT_MOVED.
   */
  readonly advance: <E>(
    projection: string,
    from: GlobalPosition | undefined,
    to: GlobalPosition,
    update: (tx: Tx) => TaskEither<E, void>,
  ) => TaskEither<E | CheckpointError, void>;

  /** Runs `clear` (which empties the read model) and forgets the checkpoint, together: the start of a rebuild. */
  readonly reset: <E>(projection: string, clear: (tx: Tx) => TaskEither<E, void>) => TaskEither<E | CheckpointStoreUnavailable, void>;
}

export const checkpointStoreUnavailable = (message: string, cause?: unknown): CheckpointStoreUnavailable => ({
  type: 'CHECKPOINT_STORE_UNAVAILABLE',
  message,
  ...(cause === undefined ? {} : { cause }),
});

export const checkpointMoved = (projection: string): CheckpointMoved => ({
  type: 'CHECKPOINT_MOVED',
  message: `The checkpoint of projection ${projection} was moved by another runner; this batch was not committed`,
  projection,
});
