import * as t from 'io-ts';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { KycDocumentError, KycDocumentEvent, KycDocumentState } from '../../domain/kyc-document/index.js';
import { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import { struct } from '../../domain/shared/codec-helpers.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { Handled } from '../command-handling/command-handler.js';
import { idempotencyKeyFor, type MangopayApiError } from '../ports/mangopay-api.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';

export const AddKycPageRequest = struct('AddKycPageRequest', { commandId: CommandId, userId: MangopayId, documentId: MangopayId, file: t.string });
export type AddKycPageRequest = t.TypeOf<typeof AddKycPageRequest>;

export type AddKycPageError = KycDocumentError | MangopayApiError | CommandHandlingError<KycDocumentError>;

/**
 * The page is checked by the decider first (status, policy, format from the bytes); only an acceptable
 * page goes to Mangopay, and its fingerprint is recorded once Mangopay has it. The bytes are kept nowhere.
 */
export const addKycPage =
  (deps: KycCoreDependencies) =>
  (request: AddKycPageRequest): TE.TaskEither<AddKycPageError, Handled<KycDocumentEvent, KycDocumentState>> =>
    deps.handle(
      deps.documents,
      request.documentId,
      { commandId: request.commandId, command: { type: 'AddKycPage', userId: request.userId, documentId: request.documentId, file: request.file }, request },
      // Runs only when the decider accepted the page (it refuses another user's document, a wrong status, a bad file).
      (): TE.TaskEither<MangopayApiError, unknown> =>
        deps.mangopay.addKycPage(
          { userId: request.userId, documentId: request.documentId, file: request.file },
          idempotencyKeyFor(request.commandId, 'add-kyc-page'),
        ),
    );
