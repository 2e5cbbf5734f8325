import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { EventStore } from '../../src/application/ports/event-store.js';
import { catchUp, type CatchUpResult } from '../../src/application/projections/index.js';
import type { ProjectedKycReadModel, ReadModelEventUnreadable } from '../../src/application/read-models/index.js';

/** What the suite may give every adapter of the read model. */
export interface ReadModelOptions {
  readonly onStreamSetAside?: (unreadable: ReadModelEventUnreadable) => void;
}

/** One adapter of the KYC read model, as the shared suite drives it. */
export interface OpenedReadModel<Tx> {
  readonly projected: ProjectedKycReadModel<Tx>;
  /** Another instance on the same storage, as a restarted process opens it (none for `:memory:`). */
  readonly reopen?: () => Promise<ProjectedKycReadModel<Tx>>;
  readonly teardown: () => Promise<void>;
}

export interface ReadModelSubject<Tx> {
  readonly name: string;
  /** A new, empty read model. */
  readonly fresh: (options?: ReadModelOptions) => Promise<OpenedReadModel<Tx>>;
}

export const must = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected a Right, got ${JSON.stringify(result.left, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return result.right;
};

export const catchUpAll = <Tx>(events: EventStore, projected: ProjectedKycReadModel<Tx>, batchSize?: number): Promise<CatchUpResult> =>
  must(catchUp({ events, checkpoints: projected.checkpoints, projection: projected.projection, ...(batchSize === undefined ? {} : { batchSize }) }));

/** The store, with `beforeRead` awaited before each readAll: a look at what is served while a runner reads page after page. */
export const observingReads = (events: EventStore, beforeRead: () => Promise<void>): EventStore => ({
  ...events,
  readAll: (options) => async () => {
    await beforeRead();
    return events.readAll(options)();
  },
});

/** The store, with its `failingRead`-th readAll (1-based) and every later one unavailable, as a database that goes away mid-way. */
export const failingOnRead = (events: EventStore, failingRead: number): EventStore => {
  let reads = 0;
  return {
    ...events,
    readAll: (options) => async () =>
      ++reads >= failingRead ? E.left({ type: 'EVENT_STORE_UNAVAILABLE', message: 'the event store went away' }) : events.readAll(options)(),
  };
};
