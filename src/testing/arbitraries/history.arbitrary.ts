import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { idvSessionDecider } from '../../domain/idv-session/idv-session.decider.js';
import type { IdvSessionCommand } from '../../domain/idv-session/idv-session.commands.js';
import type { IdvSessionEvent } from '../../domain/idv-session/idv-session.events.js';
import type { IdvSessionState } from '../../domain/idv-session/idv-session.state.js';
import type { KycDocumentCommand } from '../../domain/kyc-document/kyc-document.commands.js';
import { kycDocumentDecider } from '../../domain/kyc-document/kyc-document.decider.js';
import type { KycDocumentEvent } from '../../domain/kyc-document/kyc-document.events.js';
import type { KycDocumentState } from '../../domain/kyc-document/kyc-document.state.js';
import type { Decider } from '../../domain/shared/decider.js';
import type { UserKycCommand } from '../../domain/user-kyc/user-kyc.commands.js';
import { userKycDecider } from '../../domain/user-kyc/user-kyc.decider.js';
import type { UserKycEvent } from '../../domain/user-kyc/user-kyc.events.js';
import type { UserKycState } from '../../domain/user-kyc/user-kyc.state.js';
import { observeIdvSessionArbitrary, startIdvSessionArbitrary, type IdvSessionTarget } from './idv-session-command.arbitrary.js';
import {
  addValidPageArbitrary,
  createKycDocumentArbitrary,
  observeKycDocumentArbitrary,
  submitKycDocumentArbitrary,
  type KycDocumentTarget,
} from './kyc-document-command.arbitrary.js';
import { observeUserArbitrary, validUserKycCommandArbitrary, type UserKycTarget } from './user-kyc-command.arbitrary.js';

/** What an aggregate went through: the events its accepted commands recorded, and the state they fold to. */
export interface History<Event, State> {
  readonly events: ReadonlyArray<Event>;
  readonly state: State;
}

/** Runs commands through a decider in turn; a refused command records nothing, as in production. */
export const runThrough = <C, Ev, S, Err>(decider: Decider<C, Ev, S, Err>, commands: ReadonlyArray<C>): History<Ev, S> => {
  let state = decider.initialState;
  const events: Ev[] = [];
  for (const command of commands) {
    const decision = decider.decide(command, state);
    if (E.isLeft(decision)) continue;
    for (const event of decision.right) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return { events, state };
};

/** Histories that start with `first` (what brings the aggregate into being) and go on with random commands. */
export const historyArbitrary = <C, Ev, S, Err>(
  decider: Decider<C, Ev, S, Err>,
  first: fc.Arbitrary<C>,
  next: fc.Arbitrary<C>,
  maxLength = 10,
): fc.Arbitrary<History<Ev, S>> =>
  fc.tuple(first, fc.array(next, { maxLength })).map(([start, rest]) => runThrough(decider, [start, ...rest]));

/** A document's life so far: created, pages, submitted, and whatever Mangopay said. Reaches every status. */
export const kycDocumentHistoryArbitrary = (target: KycDocumentTarget, maxLength = 10): fc.Arbitrary<History<KycDocumentEvent, KycDocumentState>> =>
  historyArbitrary<KycDocumentCommand, KycDocumentEvent, KycDocumentState, unknown>(
    kycDocumentDecider(target.policy),
    createKycDocumentArbitrary(target),
    fc.oneof(
      { weight: 3, arbitrary: addValidPageArbitrary(target).map(({ command }) => command) },
      { weight: 2, arbitrary: submitKycDocumentArbitrary(target) },
      { weight: 3, arbitrary: observeKycDocumentArbitrary(target) },
    ),
    maxLength,
  );

export const idvSessionHistoryArbitrary = (target: IdvSessionTarget, maxLength = 6): fc.Arbitrary<History<IdvSessionEvent, IdvSessionState>> =>
  historyArbitrary<IdvSessionCommand, IdvSessionEvent, IdvSessionState, unknown>(
    idvSessionDecider,
    startIdvSessionArbitrary(target),
    observeIdvSessionArbitrary(target),
    maxLength,
  );

export const userKycHistoryArbitrary = (target: UserKycTarget, maxLength = 12): fc.Arbitrary<History<UserKycEvent, UserKycState>> =>
  historyArbitrary<UserKycCommand, UserKycEvent, UserKycState, unknown>(
    userKycDecider,
    observeUserArbitrary(target).filter((command) => typeof command.kycLevel === 'string'),
    validUserKycCommandArbitrary(target),
    maxLength,
  );

/** Event streams as the deciders record them, for whoever needs realistic events (projections, stores, docs). */
export const kycDocumentEventsArbitrary = (target: KycDocumentTarget) => kycDocumentHistoryArbitrary(target).map((h) => h.events);
export const idvSessionEventsArbitrary = (target: IdvSessionTarget) => idvSessionHistoryArbitrary(target).map((h) => h.events);
export const userKycEventsArbitrary = (target: UserKycTarget) => userKycHistoryArbitrary(target).map((h) => h.events);
