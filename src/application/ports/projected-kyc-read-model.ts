import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import type { AsideKycReadModel } from './aside-kyc-read-model.js';
import type { KycReadModel, ReadModelUnavailable } from './kyc-read-model.js';
import type { KycReadModelProjectionError } from './read-model-errors.js';

/**
 * What an adapter of the KYC read model hands the composition root: the queries, and the projection with the
 * checkpoint store that share its database (give both to the catch-up runner's `catchUp`), and a fresh copy
 * to rebuild into (`rebuildKycReadModel`).
 */
export interface ProjectedKycReadModel<Tx> {
  readonly readModel: KycReadModel;
  readonly projection: Projection<Tx, KycReadModelProjectionError>;
  readonly checkpoints: CheckpointStore<Tx>;
  /** New empty tables beside the served ones, in the same database, to rebuild into and switch in at the end. */
  readonly buildAside: () => TaskEither<ReadModelUnavailable, AsideKycReadModel<Tx>>;
  /** Releases the connections this adapter opened (not a pool it was given). */
  readonly close: () => Promise<void>;
}
