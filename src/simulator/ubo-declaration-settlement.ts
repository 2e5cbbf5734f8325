import * as t from 'io-ts';
import { UBO_DECLARATION_STEPS } from './lifecycles.js';
import { UboDeclarationReason } from './mangopay-words.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { mangopayError, notFound, type Reply } from './simulator-reply.js';
import type { SimulatedUboDeclaration } from './simulator-store.js';
import { uboDeclarationReached } from './ubo-declarations-resource.js';

const Message = t.refinement(t.string, (s) => s.length <= 255, 'UboDeclarationMessage');

/**
 * How Mangopay's compliance team (a test, through the control API) decides a submitted declaration: VALIDATED, or
 * REFUSED / INCOMPLETE with a Reason ("The reason for which the UBO Declaration was REFUSED or considered as
 * INCOMPLETE") and an optional Message.
 */
export const UboDeclarationOutcome = t.union(
  [
    t.type({ status: t.literal('VALIDATED') }),
    t.intersection([t.type({ status: t.keyof({ REFUSED: null, INCOMPLETE: null }), reason: UboDeclarationReason }), t.partial({ message: Message })]),
  ],
  'UboDeclarationOutcome',
);
export type UboDeclarationOutcome = t.TypeOf<typeof UboDeclarationOutcome>;

/** One documented step from VALIDATION_ASKED; ProcessedDate is when Mangopay's team processed it. */
export const settleUboDeclaration = (context: SimulatorContext, declarationId: string, outcome: UboDeclarationOutcome): SimulatedUboDeclaration | Reply => {
  const declaration = context.store.uboDeclarations.get(declarationId);
  if (declaration === undefined) return notFound('UboDeclaration', declarationId, now(context));
  const from = declaration.status;
  if (!UBO_DECLARATION_STEPS.some((row) => row.from === from && row.to === outcome.status)) {
    return mangopayError(409, 'invalid_transition', `A ${from} UBO declaration cannot become ${outcome.status}`, { Status: `No step leads from ${from} to ${outcome.status}.` }, now(context));
  }
  declaration.reason = outcome.status === 'VALIDATED' ? null : outcome.reason;
  declaration.message = outcome.status === 'VALIDATED' ? null : (outcome.message ?? null);
  declaration.processedDate = now(context);
  uboDeclarationReached(context, declaration, outcome.status);
  return declaration;
};
