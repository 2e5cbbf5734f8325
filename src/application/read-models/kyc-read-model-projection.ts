import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Projection } from '../ports/projection.js';
import type { KycReadModelWriter } from '../ports/kyc-read-model-writer.js';
import { readableChangesOfBatch } from './read-model-changes.js';
import type { KycReadModelProjectionError, ReadModelEventUnreadable } from '../ports/read-model-errors.js';

/** Keys the checkpoint: renaming it makes the next run rebuild from zero. */
export const KYC_READ_MODEL_PROJECTION = 'kyc-read-model';

/**
 * The projection behind the platform API's lists: each batch is translated first, then the writer executes the
 * changes in the checkpoint's transaction. A stream with an event that no longer decodes (damaged at rest) is set
 * aside from that event on, as a rebuild does, and reported once through `onStreamSetAside`: one damaged row must
 * not stop the lists for every other user. The set is this process's; `kyc projections rebuild` names them all.
 */
export const kycReadModelProjection = <Tx>(
  writer: KycReadModelWriter<Tx>,
  onStreamSetAside: (unreadable: ReadModelEventUnreadable) => void = () => undefined,
): Projection<Tx, KycReadModelProjectionError> => {
  const setAside = new Set<string>();
  return {
    name: KYC_READ_MODEL_PROJECTION,
    apply: (events, tx) => {
      const { changes, unreadable } = readableChangesOfBatch(events, setAside);
      return pipe(
        changes.length === 0 ? TE.right(undefined) : writer.apply(changes, tx),
        // Set aside once the batch is applied: a retried batch (checkpoint moved) would set the same streams aside again.
        TE.tap(() => {
          for (const each of unreadable) {
            setAside.add(each.streamName);
            onStreamSetAside(each);
          }
          return TE.right(undefined);
        }),
      );
    },
    clear: (tx) => {
      setAside.clear();
      return writer.clear(tx);
    },
  };
};
