import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { Projection } from '../projections/projection.js';
import type { KycReadModel } from './kyc-read-model.js';
import type { KycReadModelProjectionError } from './read-model-errors.js';

/**
 * What an adapter of the KYC read model hands the composition root: the queries, and the projection with the
 * checkpoint store that share its database (give both to the catch-up runner's `catchUp` or `rebuild`).
 */
export interface ProjectedKycReadModel<Tx> {
  readonly readModel: KycReadModel;
  readonly projection: Projection<Tx, KycReadModelProjectionError>;
  readonly checkpoints: CheckpointStore<Tx>;
  /** Releases the connections this adapter opened (not a pool it was given). */
  readonly close: () => Promise<void>;
}
