import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import type { CheckpointStore } from '../../src/application/ports/checkpoint-store.js';
import { ExpectedVersion, type EventStore, type GlobalPosition, type RecordedEvent } from '../../src/application/ports/event-store.js';
import { catchUp, rebuild, type Projection } from '../../src/application/projections/index.js';
import { anEvent, readAllUntil } from '../../src/testing/event-store-conformance/index.js';
import { streamTypeOf, type ExampleReadModel } from './example-projections/stream-type.js';

/** One store's setup for the scenario: `restart` reopens checkpoints and read model as a new process would. */
export interface ProjectionSetup<Tx> {
  readonly events: EventStore;
  readonly restart: () => Promise<{ readonly checkpoints: CheckpointStore<Tx>; readonly readModel: ExampleReadModel<Tx> }>;
  /** Whether the read model and its checkpoint commit in one transaction (so a failed batch leaves no trace). */
  readonly transactional: boolean;
  readonly teardown: () => Promise<void>;
}

type ExampleError = { readonly type: string; readonly message: string };

/** Applies the first half of the `crashOnCall`-th page, then fails: a process dying inside a batch. */
const crashingInside = <Tx>(projection: Projection<Tx, ExampleError>, crashOnCall: number): Projection<Tx, ExampleError> => {
  let calls = 0;
  return {
    ...projection,
    apply: (events, tx) => {
      calls++;
      if (calls < crashOnCall) return projection.apply(events, tx);
      return TE.chain(() => TE.left({ type: 'SIMULATED_CRASH', message: 'crashed inside a batch' }))(
        projection.apply(events.slice(0, Math.ceil(events.length / 2)), tx),
      );
    },
  };
};

const countsOf = (events: ReadonlyArray<RecordedEvent>): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const event of events) counts[streamTypeOf(event.streamName)] = (counts[streamTypeOf(event.streamName)] ?? 0) + 1;
  return counts;
};

const appendExampleEvents = async (events: EventStore, round: number): Promise<void> => {
  const plan: Array<[string, number]> = [[`document-${round}a`, 5], [`session-${round}`, 3], [`document-${round}b`, 4], [`user-${round}`, 2]];
  for (const [stream, count] of plan) {
    for (let i = 0; i < count; i++) await events.appendToStream(stream, ExpectedVersion.any, [anEvent({ round, i })])();
  }
};

const BATCH = 4;

export const describeProjectionScenario = <Tx>(name: string, setUp: () => Promise<ProjectionSetup<Tx>>): void => {
  describe(`catch-up projection with checkpoints: ${name}`, () => {
    it('catches up, survives a crash inside a batch, resumes from its checkpoint without double counting, and rebuilds from zero', async () => {
      const setup = await setUp();
      try {
        await appendExampleEvents(setup.events, 1);
        const all = await readAllUntil(setup.events, 14);

        const first = await setup.restart();
        const crashed = await catchUp({
          events: setup.events,
          checkpoints: first.checkpoints,
          projection: crashingInside(first.readModel.projection, 3),
          batchSize: BATCH,
        })();
        expect(crashed).toMatchObject({ _tag: 'Left', left: { type: 'SIMULATED_CRASH' } });
        const committed = all.slice(0, 2 * BATCH);
        expect(await first.checkpoints.read(first.readModel.projection.name)()).toEqual(E.right(committed[committed.length - 1]?.globalPosition));
        if (setup.transactional) expect(await first.readModel.counts()).toEqual(countsOf(committed));

        const second = await setup.restart();
        const resumed = await catchUp({ events: setup.events, checkpoints: second.checkpoints, projection: second.readModel.projection, batchSize: BATCH })();
        expect(resumed).toEqual(E.right({ applied: all.length - committed.length, position: all[all.length - 1]?.globalPosition }));
        expect(await second.readModel.counts()).toEqual({ document: 9, session: 3, user: 2 });

        await appendExampleEvents(setup.events, 2);
        const more = await readAllUntil(setup.events, 14, { after: all[all.length - 1]?.globalPosition as GlobalPosition });
        expect(await catchUp({ events: setup.events, checkpoints: second.checkpoints, projection: second.readModel.projection })()).toMatchObject({
          right: { applied: 14 },
        });
        const expected = countsOf([...all, ...more]);
        expect(await second.readModel.counts()).toEqual(expected);
        expect(await catchUp({ events: setup.events, checkpoints: second.checkpoints, projection: second.readModel.projection })()).toMatchObject({
          right: { applied: 0 },
        });

        const rebuilt = await rebuild({ events: setup.events, checkpoints: second.checkpoints, projection: second.readModel.projection, batchSize: 5 })();
        expect(rebuilt).toEqual(E.right({ applied: 28, position: more[more.length - 1]?.globalPosition }));
        expect(await second.readModel.counts()).toEqual(expected);
      } finally {
        await setup.teardown();
      }
    });

    it('a runner whose checkpoint was moved by another gets CHECKPOINT_MOVED, and its batch is not committed', async () => {
      const setup = await setUp();
      try {
        await appendExampleEvents(setup.events, 1);
        const all = await readAllUntil(setup.events, 14);
        const { checkpoints, readModel } = await setup.restart();
        const name = readModel.projection.name;
        const firstTwo = all.slice(0, 2);
        expect(await checkpoints.advance(name, undefined, firstTwo[1]?.globalPosition as bigint, (tx) => readModel.projection.apply(firstTwo, tx))()).toEqual(
          E.right(undefined),
        );
        // A second runner that still believes the checkpoint is unset.
        const stale = await checkpoints.advance(name, undefined, all[5]?.globalPosition as bigint, (tx) => readModel.projection.apply(all.slice(0, 6), tx))();
        expect(stale).toMatchObject({ _tag: 'Left', left: { type: 'CHECKPOINT_MOVED', projection: name } });
        expect(await checkpoints.read(name)()).toEqual(E.right(firstTwo[1]?.globalPosition));
        if (setup.transactional) expect(await readModel.counts()).toEqual(countsOf(firstTwo));
        // Two runners at once: whichever loses the race stops; together they apply everything exactly once.
        const runs = await Promise.all([1, 2].map(() => catchUp({ events: setup.events, checkpoints, projection: readModel.projection, batchSize: 3 })()));
        expect(runs.some(E.isRight)).toBe(true);
        for (const run of runs) if (E.isLeft(run)) expect(run.left).toMatchObject({ type: 'CHECKPOINT_MOVED' });
        expect(await catchUp({ events: setup.events, checkpoints, projection: readModel.projection })()).toEqual(
          E.right({ applied: 0, position: all[all.length - 1]?.globalPosition }),
        );
        expect(await readModel.counts()).toEqual(countsOf(all));
      } finally {
        await setup.teardown();
      }
    });
  });
};
