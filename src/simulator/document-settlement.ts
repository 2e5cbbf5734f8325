import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { RefusedReasonMessage } from '../domain/shared/bounded-string.js';
import { unixTimestamp } from '../domain/shared/unix-timestamp.js';
import type { KycDocument } from '../domain/kyc-document/kyc-document.state.js';
import { kycDocumentTransitions } from '../domain/kyc-document/kyc-document.transitions.js';
import { KycDocumentRefusedReasonType } from '../domain/kyc-document/kyc-document.vocabulary.js';
import { decideDocument } from './kyc-documents-resource.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { mangopayError, notFound, paramError, type Reply } from './simulator-reply.js';

/** How Mangopay's compliance team (a test, through the control API) decides a submitted document. */
export const DocumentOutcome = t.union(
  [
    t.type({ status: t.keyof({ VALIDATED: null, OUT_OF_DATE: null }) }),
    t.intersection([
      t.type({ status: t.literal('REFUSED'), refusedReasonType: KycDocumentRefusedReasonType }),
      t.partial({ refusedReasonMessage: RefusedReasonMessage }),
    ]),
  ],
  'DocumentOutcome',
);
export type DocumentOutcome = t.TypeOf<typeof DocumentOutcome>;

/** One legal step of the domain's transition table, run through the KycDocument decider. */
export const settleDocument = (context: SimulatorContext, documentId: string, outcome: DocumentOutcome): E.Either<Reply, KycDocument> => {
  const document = context.store.documents.get(documentId);
  if (document === undefined) return E.left(notFound('KycDocument', documentId, now(context)));
  const from = document.state.status;
  if (!kycDocumentTransitions.some((row) => row.by === 'mangopay' && row.from === from && row.to === outcome.status)) {
    return E.left(
      mangopayError(409, 'invalid_transition', `A ${from} document cannot become ${outcome.status}`, { Status: `No step leads from ${from} to ${outcome.status}.` }, now(context)),
    );
  }
  const decided = decideDocument(context, document.state, {
    type: 'ObserveKycDocumentStatus',
    documentId: document.state.documentId,
    status: outcome.status,
    processedDate: unixTimestamp(now(context)),
    ...(outcome.status === 'REFUSED'
      ? {
          refusedReasonType: outcome.refusedReasonType,
          ...(outcome.refusedReasonMessage === undefined ? {} : { refusedReasonMessage: outcome.refusedReasonMessage }),
        }
      : {}),
  });
  return E.isLeft(decided) ? E.left(paramError({ Status: `${decided.left.type}: ${decided.left.message}` }, now(context))) : E.right(decided.right);
};
