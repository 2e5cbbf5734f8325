import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { DocumentOutcome, settleDocument } from './document-settlement.js';
import { FaultPlan, type createFaultInjection } from './fault-injection.js';
import { fieldErrors } from './request-bodies.js';
import type { Route } from './route-table.js';
import { SessionOutcome, settleSession } from './session-settlement.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { noContent, ok, paramError, type Reply } from './simulator-reply.js';
import { settleUboDeclaration, UboDeclarationOutcome } from './ubo-declaration-settlement.js';
import { idvSessionWire, kycDocumentWire, uboDeclarationWire } from './wire-shapes.js';

export interface ControlRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Faults = ReturnType<typeof createFaultInjection>;
export type ControlHandler = (context: SimulatorContext, faults: Faults, request: ControlRequest) => Reply;

const decoded = <A>(context: SimulatorContext, codec: t.Type<A, unknown, unknown>, body: unknown, use: (value: A) => Reply): Reply => {
  const result = codec.decode(body);
  return E.isRight(result) ? use(result.right) : paramError(fieldErrors(result.left), now(context));
};

/** Settles a document: validate, refuse with a reason, or put out of date (one legal step at a time). */
export const settleDocumentReply = (context: SimulatorContext, documentId: string, body: unknown): Reply =>
  decoded(context, DocumentOutcome, body, (outcome) => {
    const settled = settleDocument(context, documentId, outcome);
    return 'pages' in settled ? ok(kycDocumentWire(settled)) : settled;
  });

/** Settles a session as the hosted page would, without the page. */
export const settleSessionReply = (context: SimulatorContext, sessionId: string, body: unknown): Reply =>
  decoded(context, SessionOutcome, body, (outcome) => {
    const settled = settleSession(context, sessionId, outcome);
    return 'hostedUrl' in settled ? ok(idvSessionWire(settled, context.settings.era)) : settled;
  });

/** Settles a submitted UBO declaration as Mangopay's compliance team would. */
export const settleUboDeclarationReply = (context: SimulatorContext, declarationId: string, body: unknown): Reply =>
  decoded(context, UboDeclarationOutcome, body, (outcome) => {
    const settled = settleUboDeclaration(context, declarationId, outcome);
    return 'ubos' in settled ? ok(uboDeclarationWire(settled)) : settled;
  });

/** The test-only API under /_simulator/ (Basic auth with the simulator's ClientId:ApiKey). */
export const CONTROL_ROUTES: ReadonlyArray<Route<ControlHandler>> = [
  { method: 'POST', pattern: 'kyc-documents/:documentId/settle', handler: (c, _f, r) => settleDocumentReply(c, r.params['documentId'] ?? '', r.body) },
  { method: 'POST', pattern: 'identity-verifications/:sessionId/settle', handler: (c, _f, r) => settleSessionReply(c, r.params['sessionId'] ?? '', r.body) },
  { method: 'POST', pattern: 'ubo-declarations/:declarationId/settle', handler: (c, _f, r) => settleUboDeclarationReply(c, r.params['declarationId'] ?? '', r.body) },
  { method: 'GET', pattern: 'hook-deliveries', handler: (c) => ok(c.delivery.records()) },
  {
    method: 'POST',
    pattern: 'faults',
    handler: (c, faults, r) =>
      decoded(c, FaultPlan, r.body, (plan) => {
        faults.inject(plan);
        return noContent();
      }),
  },
];
