import * as t from 'io-ts';
import { DOCUMENT_STEPS } from './lifecycles.js';
import { documentReached } from './kyc-documents-resource.js';
import { KycDocumentFlag, KycRefusedReasonType } from './mangopay-words.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { mangopayError, notFound, type Reply } from './simulator-reply.js';
import type { SimulatedDocument } from './simulator-store.js';

const Message = t.refinement(t.string, (s) => s.length <= 255, 'RefusedReasonMessage');
const Flags = t.array(KycDocumentFlag);

/** How Mangopay's compliance team (a test, through the control API) decides a submitted document. */
export const DocumentOutcome = t.union(
  [
    t.intersection([t.type({ status: t.keyof({ VALIDATED: null, OUT_OF_DATE: null }) }), t.partial({ flags: Flags })]),
    t.intersection([
      t.type({ status: t.literal('REFUSED'), refusedReasonType: KycRefusedReasonType }),
      t.partial({ refusedReasonMessage: Message, flags: Flags }),
    ]),
  ],
  'DocumentOutcome',
);
export type DocumentOutcome = t.TypeOf<typeof DocumentOutcome>;

/** One documented step from where the document is; a refusal carries its reason, message and flags. */
export const settleDocument = (context: SimulatorContext, documentId: string, outcome: DocumentOutcome): SimulatedDocument | Reply => {
  const document = context.store.documents.get(documentId);
  if (document === undefined) return notFound('KycDocument', documentId, now(context));
  const from = document.status;
  const step = DOCUMENT_STEPS.find((row) => row.from === from && row.to === outcome.status && (row.identityProofOnly !== true || document.type === 'IDENTITY_PROOF'));
  if (step === undefined) {
    return mangopayError(409, 'invalid_transition', `A ${from} ${document.type} cannot become ${outcome.status}`, { Status: `No step leads from ${from} to ${outcome.status}.` }, now(context));
  }
  if (outcome.status === 'REFUSED') {
    document.refusedReasonType = outcome.refusedReasonType;
    document.refusedReasonMessage = outcome.refusedReasonMessage ?? null;
  }
  if (outcome.flags !== undefined) document.flags = outcome.flags;
  if (outcome.status !== 'OUT_OF_DATE') document.processedDate = now(context);
  documentReached(context, document, outcome.status);
  return document;
};
