import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { KycDocumentError, KycDocumentEvent, KycDocumentState } from '../../domain/kyc-document/index.js';
import { CommandId, MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { Handled } from '../command-handling/command-handler.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { MangopayApiError } from '../ports/mangopay-api.js';
import { observeKycDocument } from '../reconciliation/reconcile-kyc-document.js';
import type { ReconcileError } from '../reconciliation/reconcile-errors.js';

export const SubmitKycDocumentRequest = struct(
  'SubmitKycDocumentRequest',
  { commandId: CommandId, userId: MangopayId, documentId: MangopayId },
  { tag: Tag },
);
export type SubmitKycDocumentRequest = t.TypeOf<typeof SubmitKycDocumentRequest>;

export type SubmitKycDocumentError = KycDocumentError | MangopayApiError | CommandHandlingError<KycDocumentError> | ReconcileError;

/**
 * PUT Status=VALIDATION_ASKED at Mangopay once the decider agrees (CREATED, at least one page); then recorded.
 * A submission Mangopay already shows is this one's outcome, whatever came first: its hook, reconciled between
 * Mangopay's answer and the append (the decider then has nothing left to record), or a lost answer the platform
 * retries (the submission is a PUT, which Mangopay does not make idempotent and refuses a second time: the document is
 * then re-read, observed, and the command decided again).
 */
export const submitKycDocument =
  (deps: KycCoreDependencies) =>
  (request: SubmitKycDocumentRequest): TaskEither<SubmitKycDocumentError, Handled<KycDocumentEvent, KycDocumentState>> =>
  async () => {
    const submit = deps.handle(
      deps.documents,
      request.documentId,
      {
        commandId: request.commandId,
        request,
        command: {
          type: 'SubmitKycDocument',
          documentId: request.documentId,
          userId: request.userId,
          ...(request.tag === undefined ? {} : { tag: request.tag }),
        },
      },
      // Runs only when the decider recorded a submission: never for one Mangopay already shows.
      () => deps.mangopay.submitKycDocument({ userId: request.userId, documentId: request.documentId, ...(request.tag === undefined ? {} : { tag: request.tag }) }),
    );
    const first = await submit();
    if (E.isRight(first) || first.left.type !== 'MANGOPAY_REQUEST_REFUSED') return first;
    const viewed = await deps.mangopay.viewKycDocument(request.documentId)();
    if (E.isLeft(viewed) || viewed.right.userId !== request.userId || viewed.right.status === 'CREATED') return first;
    const observed = await observeKycDocument(deps)(viewed.right, request.commandId)();
    if (E.isLeft(observed)) return observed;
    const again = await submit();
    // Mangopay shows the document submitted and the decider now agrees: answered with what Mangopay shows.
    return E.isRight(again) ? again : first;
  };
