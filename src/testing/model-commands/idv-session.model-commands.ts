import fc from 'fast-check';
import type { IdvSessionCommand } from '../../domain/idv-session/idv-session.commands.js';
import { mangopayIdArbitrary } from '../arbitraries/identifiers.arbitrary.js';
import {
  importIdvSessionArbitrary,
  observeIdvSessionArbitrary,
  observeRuleBreakingChecksArbitrary,
  startForIneligibleUserArbitrary,
  startIdvSessionArbitrary,
  type IdvSessionTarget,
} from '../arbitraries/idv-session-command.arbitrary.js';
import { idvSessionModel as model, type IdvSessionModel, type IdvSessionModelStep } from '../models/idv-session.model.js';
import { RepeatLastObservation, RetryLastCommand, SendCommand, type Driven, type ModelBox } from './model-command.js';

type IdvSessionModelCommand = fc.AsyncCommand<ModelBox<IdvSessionModel>, Driven<IdvSessionCommand>>;

const exists = (model: IdvSessionModel) => model.status !== 'NOT_STARTED';
/** About one command in ten may reach the session before it is started. */
const whenAbsent = fc.nat(9).map((n) => n === 0);

const send = (label: string, command: IdvSessionCommand, step: (m: IdvSessionModel) => IdvSessionModelStep, early: boolean, isObservation = false) =>
  new SendCommand<IdvSessionModel, IdvSessionCommand>(label, command, step, exists, early, isObservation);

const checksSummary = (command: IdvSessionCommand) =>
  command.type === 'ObserveIdvSession' ? `${JSON.stringify(command.status)} with ${command.checks?.length ?? 'no'} checks` : command.type;

/**
 * The commands of a model-based run on one hosted IDV session, weighted so runs go through every outcome
 * seed 000 names (with and without manual review), with checks valid and invalid for the user's type.
 */
export const idvSessionModelCommands = (target: IdvSessionTarget): fc.Arbitrary<IdvSessionModelCommand> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: startIdvSessionArbitrary(target).map((c): IdvSessionModelCommand => send(`start for ${JSON.stringify(c.user)}`, c, (m) => model.start(m, c, []), true)),
    },
    {
      weight: 1,
      arbitrary: startForIneligibleUserArbitrary(target).map(({ command, ineligible }): IdvSessionModelCommand =>
        send(`start for ineligible ${JSON.stringify(command.user)}`, command, (m) => model.start(m, command, ineligible.expected), true),
      ),
    },
    {
      weight: 1,
      arbitrary: importIdvSessionArbitrary(target).map(({ command, ineligible }): IdvSessionModelCommand =>
        send(`import for ${JSON.stringify(command.user)}`, command, (m) => model.importSession(m, command, ineligible?.expected ?? []), true),
      ),
    },
    {
      weight: 6,
      arbitrary: fc
        .tuple(observeIdvSessionArbitrary(target), whenAbsent)
        .map(([c, early]): IdvSessionModelCommand => send(`observe ${checksSummary(c)}`, c, (m) => model.observe(m, c, undefined), early, true)),
    },
    {
      weight: 1,
      arbitrary: observeRuleBreakingChecksArbitrary(target).map(({ command, broken }): IdvSessionModelCommand =>
        send(`observe ${checksSummary(command)} breaking ${broken.rule}`, command, (m) => model.observe(m, command, [{ path: broken.path, rule: broken.rule }]), false, true),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(observeIdvSessionArbitrary(target), mangopayIdArbitrary().filter((id) => id !== target.sessionId))
        .map(([command, sessionId]): IdvSessionModelCommand => send(`observe session ${sessionId}`, { ...command, sessionId }, model.nameAnotherSession, true)),
    },
    { weight: 1, arbitrary: fc.constant(new RepeatLastObservation<IdvSessionModel, IdvSessionCommand>()) },
    { weight: 1, arbitrary: fc.constant(new RetryLastCommand<IdvSessionModel, IdvSessionCommand>()) },
  );
