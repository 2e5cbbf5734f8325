import type * as t from 'io-ts';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { KycDocumentError, KycDocumentEvent, KycDocumentState } from '../../domain/kyc-document/index.js';
import { isCreated } from '../../domain/kyc-document/index.js';
import { CommandId, MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { Handled } from '../command-handling/command-handler.js';
import type { KycDocumentView, MangopayApiError } from '../ports/mangopay-api.js';
import type { KycCoreDependencies } from './kyc-core-dependencies.js';

export const SubmitKycDocumentRequest = struct(
  'SubmitKycDocumentRequest',
  { commandId: CommandId, documentId: MangopayId },
  { tag: Tag },
);
export type SubmitKycDocumentRequest = t.TypeOf<typeof SubmitKycDocumentRequest>;

export type SubmitKycDocumentError = KycDocumentError | MangopayApiError | CommandHandlingError<KycDocumentError>;

/**
 * Mangopay refuses a second PUT Status=VALIDATION_ASKED, and that PUT takes no Idempotency-Key. A refusal of a
 * document the stream still holds as CREATED, which Mangopay shows submitted, is an earlier run of this command whose
 * recording failed (the database went away after Mangopay answered): its retry records the submission. Any other
 * refusal stands.
 */
const submittedBefore =
  (deps: KycCoreDependencies, documentId: MangopayId) =>
  (refused: MangopayApiError): TE.TaskEither<MangopayApiError, KycDocumentView> =>
    refused.type !== 'MANGOPAY_REQUEST_REFUSED'
      ? TE.left(refused)
      : pipe(
          deps.mangopay.viewKycDocument(documentId),
          TE.chain((view) => (view.status === 'CREATED' ? TE.left(refused) : TE.right(view))),
        );

/** PUT Status=VALIDATION_ASKED at Mangopay once the decider agrees (CREATED, at least one page); then recorded. */
export const submitKycDocument =
  (deps: KycCoreDependencies) =>
  (request: SubmitKycDocumentRequest): TE.TaskEither<SubmitKycDocumentError, Handled<KycDocumentEvent, KycDocumentState>> =>
    deps.handle(
      deps.documents,
      request.documentId,
      {
        commandId: request.commandId,
        request,
        command: { type: 'SubmitKycDocument', documentId: request.documentId, ...(request.tag === undefined ? {} : { tag: request.tag }) },
      },
      (_events, state): TE.TaskEither<MangopayApiError, unknown> =>
        isCreated(state)
          ? pipe(
              deps.mangopay.submitKycDocument({
                userId: state.userId,
                documentId: state.documentId,
                ...(request.tag === undefined ? {} : { tag: request.tag }),
              }),
              TE.orElse(submittedBefore(deps, state.documentId)),
            )
          : TE.right(undefined),
    );
