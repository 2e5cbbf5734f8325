import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { RecordedEvent } from './event-store.js';

/**
 * A read model fed from the global event order. `Tx` is the transaction handle of the database that
 * holds both the read model and its checkpoint (see the CheckpointStore port).
 *
 * Events arrive in global order, each at least once: after a crash a batch may be delivered again, so
 * `apply` must be idempotent (an upsert, a per-stream version guard, …).
 */
export interface Projection<Tx, E> {
  /** Stable and unique: it keys the checkpoint. */
  readonly name: string;
  readonly apply: (events: ReadonlyArray<RecordedEvent>, tx: Tx) => TaskEither<E, void>;
  /** Empties the read model, for a rebuild from zero. */
  readonly clear: (tx: Tx) => TaskEither<E, void>;
}
