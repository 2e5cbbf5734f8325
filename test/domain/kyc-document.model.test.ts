import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kycDocumentAggregate } from '../../src/application/aggregates.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, kycDocumentTransitions, SEED_PAGE_POLICY } from '../../src/domain/kyc-document/index.js';
import {
  createKycDocumentArbitrary,
  expectEachCommandTwiceToActOnce,
  handledAggregateUnderTest,
  kycDocumentModel,
  kycDocumentModelCommands,
  kycDocumentTargetArbitrary,
  modelRunSetup,
  transitionCoverage,
  validKycDocumentCommandArbitrary,
} from '../../src/testing/index.js';

// Each row of the table is reached in at least ~17% of runs (measured over 1000): missing one in 150 runs has a
// probability under 1e-12.
const RUNS = 150;

describe('KycDocument against an independent model of seed 002', () => {
  for (const policy of [SEED_PAGE_POLICY, CURRENT_MANGOPAY_PAGE_POLICY]) {
    it(`under the ${policy.name} page rules: every command does what the model says, replay rebuilds the state, every row is visited`, async () => {
      const coverage = transitionCoverage(kycDocumentTransitions);
      const aggregate = kycDocumentAggregate(policy);
      await fc.assert(
        fc.asyncProperty(
          kycDocumentTargetArbitrary([policy]).chain((target) =>
            fc.tuple(fc.constant(target), fc.commands([kycDocumentModelCommands(target)], { maxCommands: 60, size: 'max' })),
          ),
          async ([target, commands]) => {
            await fc.asyncModelRun(modelRunSetup(kycDocumentModel.initial, aggregate, target.documentId, coverage), commands);
          },
        ),
        { numRuns: RUNS },
      );
      expect(coverage.unvisited()).toEqual([]);
    });
  }

  it('every command sent twice under its command id has the effect of sending it once', async () => {
    await fc.assert(
      fc.asyncProperty(
        kycDocumentTargetArbitrary().chain((target) =>
          fc.tuple(fc.constant(target), createKycDocumentArbitrary(target), fc.array(validKycDocumentCommandArbitrary(target), { maxLength: 12 })),
        ),
        async ([target, create, rest]) => {
          const aggregate = kycDocumentAggregate(target.policy);
          const fresh = () => handledAggregateUnderTest(aggregate, target.documentId);
          await expectEachCommandTwiceToActOnce(fresh(), fresh(), [create, ...rest]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
