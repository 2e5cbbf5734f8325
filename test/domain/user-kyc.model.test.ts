import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import {
  isKnownUser,
  userKycDecider,
  userKycTransitions,
  type ErasureReason,
  type OperatorId,
  type UserKycCommand,
  type UserKycEvent,
  type UserKycState,
} from '../../src/domain/user-kyc/index.js';
import { observeUboDeclarationsArbitrary, observeUserArbitrary, recordIdvSessionStatusArbitrary, recordKycDocumentStatusArbitrary, stepsOf, transitionCoverage } from '../../src/testing/index.js';

/**
 * An independent model of a user's KYC standing, from the rules alone: Mangopay decides the level, so the level is
 * the last one Mangopay showed that the core knows; a document or session counts towards REGULAR from VALIDATED
 * until it goes OUT_OF_DATE / OUTDATED; nothing is recorded about a user never seen; an erasure happens once.
 */
interface Model {
  readonly level: 'UNKNOWN' | 'LIGHT' | 'REGULAR';
  readonly profile: unknown;
  readonly documents: ReadonlySet<string>;
  readonly sessions: ReadonlySet<string>;
  /** The last listing of each UBO declaration Mangopay showed. */
  readonly uboDeclarations: ReadonlyMap<string, unknown>;
  readonly erased: boolean;
}

type Expected = { readonly refused: string } | { readonly model: Model };

const expectedAfter = (model: Model, command: UserKycCommand): Expected => {
  switch (command.type) {
    case 'ObserveUser': {
      const level = typeof command.kycLevel === 'string' ? command.kycLevel : undefined;
      if (model.level === 'UNKNOWN' && level === undefined) return { refused: 'USER_FIRST_SEEN_WITH_UNRECOGNIZED_LEVEL' };
      return { model: { ...model, level: level ?? model.level, profile: command.user } };
    }
    case 'RecordKycDocumentStatus': {
      if (model.level === 'UNKNOWN') return { refused: 'USER_NOT_FOUND' };
      const documents = new Set(model.documents);
      if (command.status === 'VALIDATED') documents.add(command.documentId);
      if (command.status === 'OUT_OF_DATE') documents.delete(command.documentId);
      return { model: { ...model, documents } };
    }
    case 'RecordIdvSessionStatus': {
      if (model.level === 'UNKNOWN') return { refused: 'USER_NOT_FOUND' };
      const sessions = new Set(model.sessions);
      if (command.status === 'VALIDATED') sessions.add(command.sessionId);
      if (command.status === 'OUTDATED') sessions.delete(command.sessionId);
      return { model: { ...model, sessions } };
    }
    case 'ObserveUboDeclarations': {
      if (model.level === 'UNKNOWN') return { refused: 'USER_NOT_FOUND' };
      const uboDeclarations = new Map(model.uboDeclarations);
      for (const declaration of command.declarations) uboDeclarations.set(declaration.declarationId, declaration);
      return { model: { ...model, uboDeclarations } };
    }
    case 'ErasePersonalData':
      return { model: { ...model, erased: true } };
  }
};

const agrees = (state: UserKycState, model: Model): void => {
  expect(state.status).toBe(model.level);
  expect(state.erasure !== undefined).toBe(model.erased);
  if (!isKnownUser(state)) return;
  expect(state.user).toEqual(model.profile);
  expect(new Set(state.validatedDocuments.keys())).toEqual(model.documents);
  expect(new Set(state.validatedSessions)).toEqual(model.sessions);
  expect(new Map(state.uboDeclarations)).toEqual(model.uboDeclarations);
};

const userId = 'user_model_1' as MangopayId;
const target = { userId };

/** The platform's erasure: forced (any time), or after a retention period that is over, or for a user with no activity. */
const eraseArbitrary: fc.Arbitrary<UserKycCommand> = fc
  .constantFrom<Partial<UserKycCommand & { type: 'ErasePersonalData' }>>({ forced: true }, { forced: false }, { forced: false, lastActivityAt: 1_000_000 as UnixTimestamp })
  .map((variant) => ({
    type: 'ErasePersonalData',
    userId,
    requestedAt: 1_900_000_000 as UnixTimestamp,
    erasedBy: 'operator-7' as OperatorId,
    reason: 'ticket GDPR-42' as ErasureReason,
    forced: false,
    retentionYears: 5,
    ...variant,
  }) as UserKycCommand);

const commandArbitrary: fc.Arbitrary<UserKycCommand> = fc.oneof(
  { weight: 3, arbitrary: observeUserArbitrary(target) },
  { weight: 3, arbitrary: recordKycDocumentStatusArbitrary(target) },
  { weight: 3, arbitrary: recordIdvSessionStatusArbitrary(target) },
  { weight: 2, arbitrary: observeUboDeclarationsArbitrary(target) },
  { weight: 1, arbitrary: eraseArbitrary },
);

// Every row is reached in well over 10% of runs of up to 40 commands: missing one in 200 runs is beyond belief.
const RUNS = 200;

describe('UserKyc against an independent model of the KYC level rules', () => {
  it('every command does what the model says, a repeat records nothing, replay rebuilds the state, every row is visited', () => {
    const coverage = transitionCoverage(userKycTransitions);
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 40, size: 'max' }), (commands) => {
        let state = userKycDecider.initialState;
        let model: Model = { level: 'UNKNOWN', profile: undefined, documents: new Set(), sessions: new Set(), uboDeclarations: new Map(), erased: false };
        const history: UserKycEvent[] = [];
        for (const command of commands) {
          const expected = expectedAfter(model, command);
          const decided = userKycDecider.decide(command, state);
          if ('refused' in expected) {
            expect(decided).toEqual(E.left(expect.objectContaining({ type: expected.refused })));
            continue;
          }
          expect(E.isRight(decided)).toBe(true);
          const events = E.isRight(decided) ? decided.right : [];
          const { steps, after } = stepsOf(userKycDecider.evolve, state, events);
          for (const step of steps) expect(coverage.visit(step), `a step outside the table: ${JSON.stringify(step)}`).toBe(true);
          state = after;
          model = expected.model;
          history.push(...events);
          agrees(state, model);
          expect(userKycDecider.decide(command, state)).toEqual(E.right([]));
        }
        expect(history.reduce(userKycDecider.evolve, userKycDecider.initialState)).toEqual(state);
      }),
      { numRuns: RUNS },
    );
    expect(coverage.outsideTable()).toEqual([]);
    expect(coverage.unvisited()).toEqual([]);
  });
});
