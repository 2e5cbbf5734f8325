import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { ReadModelUnavailable } from './kyc-read-model.js';
import type { KycReadModelWriter } from './kyc-read-model-writer.js';

/**
 * A KYC read model built apart from the one being served (tables of its own, with a checkpoint of its own), for a
 * rebuild: the served one answers unchanged, and its own catch-up goes on, until `switchIn` replaces its tables and
 * its checkpoint with these in one transaction. A rebuild that fails before the switch leaves nothing but this
 * copy, which `discard` drops.
 */
export interface AsideKycReadModel<Tx> {
  readonly writer: KycReadModelWriter<Tx>;
  readonly checkpoints: CheckpointStore<Tx>;
  /** Makes the served read model this one, rows and checkpoint together; the served one's own runner resumes from this checkpoint. */
  readonly switchIn: () => TaskEither<ReadModelUnavailable, void>;
  /** Drops the copy (after a switch, or instead of one); never fails. */
  readonly discard: () => Promise<void>;
}
