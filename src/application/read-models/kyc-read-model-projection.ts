import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Projection } from '../projections/projection.js';
import type { KycReadModelWriter } from './kyc-read-model-writer.js';
import { readModelChangesOfBatch } from './read-model-changes.js';
import type { KycReadModelProjectionError } from './read-model-errors.js';

/** Keys the checkpoint: renaming it makes the next run rebuild from zero. */
export const KYC_READ_MODEL_PROJECTION = 'kyc-read-model';

/**
 * The projection behind the platform API's lists: each batch is translated as a whole first (an unreadable
 * event fails it before anything is written), then the writer executes the changes in the checkpoint's
 * transaction.
 */
export const kycReadModelProjection = <Tx>(writer: KycReadModelWriter<Tx>): Projection<Tx, KycReadModelProjectionError> => ({
  name: KYC_READ_MODEL_PROJECTION,
  apply: (events, tx) =>
    pipe(
      TE.fromEither(readModelChangesOfBatch(events)),
      TE.chainW((changes) => (changes.length === 0 ? TE.right(undefined) : writer.apply(changes, tx))),
    ),
  clear: (tx) => writer.clear(tx),
});
