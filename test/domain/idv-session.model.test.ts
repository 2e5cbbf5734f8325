import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idvSessionAggregate } from '../../src/application/aggregates.js';
import { idvSessionTransitions } from '../../src/domain/idv-session/index.js';
import {
  expectEachCommandTwiceToActOnce,
  handledAggregateUnderTest,
  idvSessionModel,
  idvSessionModelCommands,
  idvSessionTargetArbitrary,
  modelRunSetup,
  startIdvSessionArbitrary,
  transitionCoverage,
  validIdvSessionCommandArbitrary,
} from '../../src/testing/index.js';

// Each row of the table is reached in at least ~10% of runs (measured over 2000): missing one in 300 runs has
// a probability under 1e-13.
const RUNS = 300;

describe('IdvSession against an independent model of seed 000', () => {
  it('every command does what the model says, replay rebuilds the state, every row of the table is visited', async () => {
    const coverage = transitionCoverage(idvSessionTransitions);
    await fc.assert(
      fc.asyncProperty(
        idvSessionTargetArbitrary.chain((target) =>
          fc.tuple(fc.constant(target), fc.commands([idvSessionModelCommands(target)], { maxCommands: 40, size: 'max' })),
        ),
        async ([target, commands]) => {
          await fc.asyncModelRun(modelRunSetup(idvSessionModel.initial, idvSessionAggregate, target.sessionId, coverage), commands);
        },
      ),
      { numRuns: RUNS },
    );
    expect(coverage.unvisited()).toEqual([]);
  });

  it('every command sent twice under its command id has the effect of sending it once', async () => {
    await fc.assert(
      fc.asyncProperty(
        idvSessionTargetArbitrary.chain((target) =>
          fc.tuple(fc.constant(target), startIdvSessionArbitrary(target), fc.array(validIdvSessionCommandArbitrary(target), { maxLength: 10 })),
        ),
        async ([target, start, rest]) => {
          const fresh = () => handledAggregateUnderTest(idvSessionAggregate, target.sessionId);
          await expectEachCommandTwiceToActOnce(fresh(), fresh(), [start, ...rest]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
