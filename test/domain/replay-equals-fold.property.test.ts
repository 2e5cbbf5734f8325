import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, replayEvents, type Decider } from '../../src/domain/shared/decider.js';
import { idvSessionDecider } from '../../src/domain/idv-session/index.js';
import { kycDocumentDecider } from '../../src/domain/kyc-document/index.js';
import { userKycDecider, type UserKycEvent } from '../../src/domain/user-kyc/index.js';
import {
  idvSessionEventsArbitrary,
  idvSessionTargetArbitrary,
  kycDocumentEventsArbitrary,
  kycDocumentTargetArbitrary,
  userKycEventsArbitrary,
  userKycTargetArbitrary,
} from '../../src/testing/index.js';

/**
 * A decider's `replay` (issue 18: linear where `evolve` copies growing collections) is the fold through
 * `evolve`, for any event sequence and from any state: equal states, the starting state left as it was, and a
 * state it returned left as it was when a later replay goes on from it (it changes in place only its own copies).
 */
const checkReplay = <C, Ev, S, Err>(decider: Decider<C, Ev, S, Err>, events: ReadonlyArray<Ev>, cut: number): void => {
  const reference = fold(decider.evolve, decider.initialState);
  const at = Math.min(cut, events.length);
  const prefix = events.slice(0, at);
  expect(replayEvents(decider, decider.initialState, events)).toEqual(reference(events));

  const start = reference(prefix);
  expect(replayEvents(decider, start, events.slice(at))).toEqual(reference(events));
  expect(start).toEqual(reference(prefix));

  const handedOver = replayEvents(decider, decider.initialState, prefix);
  replayEvents(decider, handedOver, events.slice(at));
  expect(handedOver).toEqual(reference(prefix));
};

/** Several lives of one stream back to back: re-registrations, repeats, and states far from the initial one. */
const concatenated = <Ev>(events: fc.Arbitrary<ReadonlyArray<Ev>>): fc.Arbitrary<ReadonlyArray<Ev>> =>
  fc.array(events, { minLength: 1, maxLength: 4 }).map((lives) => lives.flat());

/** Each validation later undone in some order: the deletions a replay makes in place. */
const withExpiries = (events: ReadonlyArray<UserKycEvent>): fc.Arbitrary<ReadonlyArray<UserKycEvent>> => {
  const expiries = events.flatMap((event): UserKycEvent[] => {
    if (event.type === 'UserKycDocumentValidated') return [{ ...event, type: 'UserKycDocumentExpired' }];
    if (event.type === 'UserIdvSessionValidated') return [{ ...event, type: 'UserIdvSessionExpired' }];
    return [];
  });
  return fc.shuffledSubarray(expiries).map((undone) => [...events, ...undone, ...events]);
};

const cut = fc.nat({ max: 60 });

describe('replay equals the fold through evolve', () => {
  it('KycDocument, under both page policies', () => {
    fc.assert(
      fc.property(
        kycDocumentTargetArbitrary().chain((target) => fc.tuple(fc.constant(target), concatenated(kycDocumentEventsArbitrary(target)), cut)),
        ([target, events, at]) => checkReplay(kycDocumentDecider(target.policy), events, at),
      ),
    );
  });

  it('IdvSession, checks observed, steps and divergences, restarted', () => {
    expect(idvSessionDecider.replay).toBeDefined();
    fc.assert(
      fc.property(
        idvSessionTargetArbitrary.chain((target) =>
          // Also in any order: steps and observations before the start, after a restart, repeated.
          fc.tuple(concatenated(idvSessionEventsArbitrary(target)).chain((events) => fc.oneof(fc.constant(events), fc.shuffledSubarray([...events]))), cut),
        ),
        ([events, at]) => checkReplay(idvSessionDecider, events, at),
      ),
    );
  });

  it('UserKyc, documents and sessions validated, expired and validated again', () => {
    fc.assert(
      fc.property(
        userKycTargetArbitrary.chain((target) => fc.tuple(concatenated(userKycEventsArbitrary(target)).chain(withExpiries), cut)),
        ([events, at]) => checkReplay(userKycDecider, events, at),
      ),
    );
  });
});
