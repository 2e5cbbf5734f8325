import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Decider } from '../../src/domain/shared/decider.js';
import { idvSessionDecider } from '../../src/domain/idv-session/index.js';
import { kycDocumentDecider } from '../../src/domain/kyc-document/index.js';
import { userKycDecider } from '../../src/domain/user-kyc/index.js';
import {
  adversarialIdvSessionCommandArbitrary,
  adversarialKycDocumentCommandArbitrary,
  adversarialUserKycCommandArbitrary,
  idvSessionHistoryArbitrary,
  idvSessionTargetArbitrary,
  kycDocumentHistoryArbitrary,
  kycDocumentTargetArbitrary,
  userKycHistoryArbitrary,
  userKycTargetArbitrary,
  validIdvSessionCommandArbitrary,
  validKycDocumentCommandArbitrary,
  validUserKycCommandArbitrary,
} from '../../src/testing/index.js';

/**
 * A decider is a total function: from any state its history can reach (and from the initial state), any
 * command (valid, rule-breaking, aimed at another aggregate) gives events or a typed error, never a throw.
 * Accepted events fold without throwing, and a refusal is a value with a stable code and a message.
 */
const checkTotal = <C, Ev, S, Err>(decider: Decider<C, Ev, S, Err>, state: S, command: C): void => {
  const decided = decider.decide(command, state);
  expect(E.isLeft(decided) || E.isRight(decided)).toBe(true);
  if (E.isRight(decided)) {
    let next = state;
    for (const event of decided.right) next = decider.evolve(next, event);
    expect(next).toBeDefined();
    return;
  }
  const error = decided.left as { readonly type?: unknown; readonly message?: unknown };
  expect(typeof error.type).toBe('string');
  expect(error.type).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(typeof error.message).toBe('string');
};

const anyOf = <T>(valid: fc.Arbitrary<T>, adversarial: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof(valid, adversarial);

describe('every (state, command) pair gives events or a typed error, never a throw', () => {
  it('KycDocument, under both page policies', () => {
    const pair = fc.tuple(kycDocumentTargetArbitrary(), kycDocumentTargetArbitrary()).chain(([target, other]) =>
      fc.tuple(
        fc.constant(target),
        fc.option(kycDocumentHistoryArbitrary(target), { nil: undefined }),
        anyOf(validKycDocumentCommandArbitrary(target), adversarialKycDocumentCommandArbitrary(target)),
        // A command for another document reaching this stream must be refused, not applied.
        fc.option(validKycDocumentCommandArbitrary(other), { nil: undefined, freq: 5 }),
      ),
    );
    fc.assert(
      fc.property(pair, ([target, history, command, foreign]) => {
        const decider = kycDocumentDecider(target.policy);
        const state = history?.state ?? decider.initialState;
        checkTotal(decider, state, command);
        if (foreign === undefined) return;
        checkTotal(decider, state, foreign);
        if (history !== undefined && foreign.documentId !== target.documentId) {
          const decided = decider.decide(foreign, state);
          const refusal = foreign.type === 'CreateKycDocument' ? 'KYC_DOCUMENT_ALREADY_CREATED' : 'KYC_DOCUMENT_ID_MISMATCH';
          expect(E.isLeft(decided) && decided.left.type).toBe(refusal);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('IdvSession', () => {
    const pair = idvSessionTargetArbitrary.chain((target) =>
      fc.tuple(fc.option(idvSessionHistoryArbitrary(target), { nil: undefined }), anyOf(validIdvSessionCommandArbitrary(target), adversarialIdvSessionCommandArbitrary(target))),
    );
    fc.assert(
      fc.property(pair, ([history, command]) => checkTotal(idvSessionDecider, history?.state ?? idvSessionDecider.initialState, command)),
      { numRuns: 400 },
    );
  });

  it('UserKyc', () => {
    const pair = userKycTargetArbitrary.chain((target) =>
      fc.tuple(fc.option(userKycHistoryArbitrary(target), { nil: undefined }), anyOf(validUserKycCommandArbitrary(target), adversarialUserKycCommandArbitrary(target))),
    );
    fc.assert(
      fc.property(pair, ([history, command]) => checkTotal(userKycDecider, history?.state ?? userKycDecider.initialState, command)),
      { numRuns: 400 },
    );
  });
});
