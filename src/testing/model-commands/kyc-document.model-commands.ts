import fc from 'fast-check';
import type { KycDocumentCommand } from '../../domain/kyc-document/kyc-document.commands.js';
import {
  addRefusedPageArbitrary,
  addValidPageArbitrary,
  anotherUsersCommandArbitrary,
  createKycDocumentArbitrary,
  incompleteRefusalArbitrary,
  observeKycDocumentArbitrary,
  submitKycDocumentArbitrary,
  validKycDocumentCommandArbitrary,
  type KycDocumentTarget,
} from '../arbitraries/kyc-document-command.arbitrary.js';
import { mangopayIdArbitrary } from '../arbitraries/identifiers.arbitrary.js';
import { kycDocumentModel as model, type KycDocumentModel, type KycDocumentModelStep } from '../models/kyc-document.model.js';
import { RepeatLastObservation, RetryLastCommand, SendCommand, type Driven, type ModelBox } from './model-command.js';

type KycDocumentModelCommand = fc.AsyncCommand<ModelBox<KycDocumentModel>, Driven<KycDocumentCommand>>;

const exists = (model: KycDocumentModel) => model.status !== 'NOT_CREATED';
/** About one command in ten may reach the document before it is created. */
const whenAbsent = fc.nat(9).map((n) => n === 0);

const send = (label: string, command: KycDocumentCommand, step: (m: KycDocumentModel) => KycDocumentModelStep, early: boolean, isObservation = false) =>
  new SendCommand<KycDocumentModel, KycDocumentCommand>(label, command, step, exists, early, isObservation);

const short = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v));

/**
 * The commands of a model-based run on one KYC document, weighted so a run goes through the whole life of a
 * document (pages, submission, every outcome Mangopay can give, including ones it must not give).
 */
export const kycDocumentModelCommands = (target: KycDocumentTarget): fc.Arbitrary<KycDocumentModelCommand> => {
  const { policy } = target;
  return fc.oneof(
    {
      weight: 3,
      arbitrary: createKycDocumentArbitrary(target).map((c): KycDocumentModelCommand => send(`create ${short(c)}`, c, (m) => model.create(m, c), true)),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(addValidPageArbitrary(target), whenAbsent)
        .map(([{ command, page }, early]): KycDocumentModelCommand =>
          send(`add a ${page.format} page of ${page.sizeBytes} bytes`, command, (m) => model.addPage(m, policy, command, page), early),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(addRefusedPageArbitrary(target), whenAbsent)
        .map(([{ command, page }, early]): KycDocumentModelCommand =>
          send(`add a page that is ${page.why} (${page.expected})`, command, (m) => model.addPage(m, policy, command, page), early),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(submitKycDocumentArbitrary(target), whenAbsent)
        .map(([c, early]): KycDocumentModelCommand => send(`submit ${short(c)}`, c, (m) => model.submit(m, c), early)),
    },
    {
      weight: 5,
      arbitrary: fc
        .tuple(observeKycDocumentArbitrary(target), whenAbsent)
        .map(([c, early]): KycDocumentModelCommand => send(`observe ${short(c)}`, c, (m) => model.observe(m, c), early, true)),
    },
    {
      weight: 1,
      arbitrary: incompleteRefusalArbitrary(target).map(({ command }): KycDocumentModelCommand =>
        send(`observe an incomplete refusal ${short(command)}`, command, (m) => model.observe(m, command), false, true),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validKycDocumentCommandArbitrary(target), mangopayIdArbitrary().filter((id) => id !== target.documentId))
        // A creation or an observation names the document it records: on an empty stream it records that one.
        .filter(([command]) => command.type !== 'CreateKycDocument' && command.type !== 'ObserveKycDocument')
        .map(([command, documentId]): KycDocumentModelCommand => {
          const other = { ...command, documentId };
          return send(`${command.type} naming document ${documentId}`, other, model.nameAnotherDocument, true);
        }),
    },
    {
      weight: 1,
      arbitrary: anotherUsersCommandArbitrary(target).map((command): KycDocumentModelCommand =>
        send(`${command.type} naming user ${command.userId}`, command, model.nameAnotherUser, true),
      ),
    },
    { weight: 1, arbitrary: fc.constant(new RepeatLastObservation<KycDocumentModel, KycDocumentCommand>()) },
    { weight: 1, arbitrary: fc.constant(new RetryLastCommand<KycDocumentModel, KycDocumentCommand>()) },
  );
};

