import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { KycDocumentError, KycDocumentEvent, KycDocumentState } from '../../domain/kyc-document/index.js';
import { KycDocumentType } from '../../domain/kyc-document/index.js';
import { CommandId, MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import { isUnrecognized } from '../../domain/shared/recognized.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { Handled } from '../command-handling/command-handler.js';
import { idempotencyKeyFor, type MangopayApiError } from '../ports/mangopay-api.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';

export const CreateKycDocumentRequest = struct(
  'CreateKycDocumentRequest',
  { commandId: CommandId, userId: MangopayId, documentType: KycDocumentType },
  { tag: Tag },
);
export type CreateKycDocumentRequest = t.TypeOf<typeof CreateKycDocumentRequest>;

export type CreateKycDocumentError = KycDocumentError | MangopayApiError | CommandHandlingError<KycDocumentError>;

/**
 * POST /users/{UserId}/kyc/documents/ at Mangopay, then the document is recorded under the Id Mangopay gave.
 * The Idempotency-Key comes from the command id: a retry after a crash gets the same document back.
 */
export const createKycDocument =
  (deps: KycCoreDependencies) =>
  (request: CreateKycDocumentRequest): TaskEither<CreateKycDocumentError, Handled<KycDocumentEvent, KycDocumentState>> =>
  async () => {
    const created = await deps.mangopay.createKycDocument(
      { userId: request.userId, type: request.documentType, ...(request.tag === undefined ? {} : { tag: request.tag }) },
      idempotencyKeyFor(request.commandId, 'create-kyc-document'),
    )();
    if (E.isLeft(created)) return created;
    const view = created.right;
    if (isUnrecognized(view.type)) {
      return E.left({
        type: 'MANGOPAY_RESPONSE_INVALID',
        message: 'Mangopay answered with a document type this core does not know',
        status: 200,
        faults: [{ path: 'Type', rule: 'KycDocumentType' }],
      });
    }
    // Mangopay's KYC_CREATED hook may have been reconciled first: the decider then finds this very document
    // recorded and answers with it (nothing left to record), never "already created".
    return deps.handle(deps.documents, view.id, {
      commandId: request.commandId,
      request,
      command: {
        type: 'CreateKycDocument',
        documentId: view.id,
        userId: view.userId,
        documentType: view.type,
        creationDate: view.creationDate,
        ...(view.tag === null ? {} : { tag: view.tag }),
      },
    })();
  };
