import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CheckpointStore } from '../ports/checkpoint-store.js';
import type { EventStore, GlobalPosition } from '../ports/event-store.js';
import { catchUp, type CatchUpError, type CatchUpResult } from '../projections/catch-up-runner.js';
import type { Projection } from '../ports/projection.js';
import { KYC_READ_MODEL_PROJECTION } from './kyc-read-model-projection.js';
import type { ProjectedKycReadModel } from '../ports/projected-kyc-read-model.js';
import { readableChangesOfBatch } from './read-model-changes.js';
import type { KycReadModelProjectionError, ReadModelEventUnreadable } from '../ports/read-model-errors.js';

export interface RebuildProgress {
  /** Events read and committed aside so far by this rebuild (those of streams set aside included). */
  readonly applied: number;
  /** How many events there are to apply, when the caller knows (the EventStore port does not count). */
  readonly total: number | undefined;
  /** The aside checkpoint after the last committed batch. */
  readonly position: GlobalPosition;
}

export interface RebuildKycReadModelDependencies<Tx> {
  readonly events: EventStore;
  /** The served read model: it answers unchanged until the rebuilt one is switched in. */
  readonly readModel: ProjectedKycReadModel<Tx>;
  /** Events per readAll page, each page committed aside with its checkpoint. Default 500. */
  readonly batchSize?: number;
  /** Called after each batch committed aside. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Called when a stream is set aside, once per stream, after its batch committed. */
  readonly onStreamSetAside?: (unreadable: ReadModelEventUnreadable) => void;
  readonly totalEvents?: number;
}

export interface KycReadModelRebuilt extends CatchUpResult {
  /** The streams set aside, each with its first unreadable event (stream name and version): nothing of them from there on is projected. */
  readonly unreadable: ReadonlyArray<ReadModelEventUnreadable>;
}

/**
 * `kyc projections rebuild`: builds the KYC read model from the first event into fresh tables beside the served
 * ones, then switches them in, checkpoint included, in one transaction. Until then the served read model answers
 * as before and its own catch-up goes on; a rebuild that fails leaves it as it was. A stream with an event that
 * does not read (damaged at rest) is set aside from that event on and reported, and every other stream is
 * projected: one damaged stream never empties the lists.
 */
export const rebuildKycReadModel =
  <Tx>(dependencies: RebuildKycReadModelDependencies<Tx>): TaskEither<CatchUpError<KycReadModelProjectionError>, KycReadModelRebuilt> =>
  async () => {
    const { events, readModel, onProgress, onStreamSetAside, totalEvents } = dependencies;
    const aside = await readModel.buildAside()();
    if (E.isLeft(aside)) return aside;
    const { writer } = aside.right;
    const setAside = new Map<string, ReadModelEventUnreadable>();
    // What the batch being committed found: counted and reported only once its commit succeeded.
    let staged = { events: 0, unreadable: [] as ReadonlyArray<ReadModelEventUnreadable> };
    let applied = 0;
    const projection: Projection<Tx, KycReadModelProjectionError> = {
      name: KYC_READ_MODEL_PROJECTION,
      apply: (batch, tx) => {
        const readable = readableChangesOfBatch(batch, new Set(setAside.keys()));
        staged = { events: batch.length, unreadable: readable.unreadable };
        return readable.changes.length === 0 ? TE.right(undefined) : writer.apply(readable.changes, tx);
      },
      clear: (tx) => writer.clear(tx),
    };
    const checkpoints: CheckpointStore<Tx> = {
      ...aside.right.checkpoints,
      advance: (name, from, to, update) =>
        TE.map(() => {
          applied += staged.events;
          for (const unreadable of staged.unreadable) {
            setAside.set(unreadable.streamName, unreadable);
            onStreamSetAside?.(unreadable);
          }
          onProgress?.({ applied, total: totalEvents, position: to });
        })(aside.right.checkpoints.advance(name, from, to, update)),
    };
    const built = await catchUp({ events, checkpoints, projection, ...(dependencies.batchSize === undefined ? {} : { batchSize: dependencies.batchSize }) })();
    const switched = E.isLeft(built) ? built : await aside.right.switchIn()();
    await aside.right.discard();
    if (E.isLeft(switched)) return switched;
    if (E.isLeft(built)) return built;
    return E.right({ ...built.right, unreadable: [...setAside.values()] });
  };
