import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { KycDocumentError, KycDocumentEvent, KycDocumentState, ObserveKycDocument } from '../../domain/kyc-document/index.js';
import { isCreated } from '../../domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import { domainError } from '../../domain/shared/domain-error.js';
import { isUnrecognized } from '../../domain/shared/recognized.js';
import type { CommandHandlingError } from '../command-handling/command-handling-errors.js';
import type { Handled } from '../command-handling/command-handler.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { KycDocumentView, MangopayApiError } from '../ports/mangopay-api.js';
import { recordForUser } from './record-for-user.js';
import { unknownAtMangopay, type ReconcileError, type ReconcileOutcome } from './reconcile-errors.js';

/** The observation of Mangopay's view of a document: every field it shows, for the decider to record. */
export const observationOfKycDocument = (view: KycDocumentView): E.Either<MangopayApiError, ObserveKycDocument> => {
  const documentType = view.type;
  if (isUnrecognized(documentType)) {
    return E.left({
      ...domainError('MANGOPAY_RESPONSE_INVALID', 'Mangopay has a document of a type this core does not know'),
      status: 200,
      faults: [{ path: 'Type', rule: 'KycDocumentType' }],
    });
  }
  return E.right({
    type: 'ObserveKycDocument',
    documentId: view.id,
    userId: view.userId,
    documentType,
    creationDate: view.creationDate,
    status: view.status,
    ...(view.tag === null ? {} : { tag: view.tag }),
    ...(view.refusedReasonType === null ? {} : { refusedReasonType: view.refusedReasonType }),
    ...(view.refusedReasonMessage === null ? {} : { refusedReasonMessage: view.refusedReasonMessage }),
    ...(view.processedDate === null ? {} : { processedDate: view.processedDate }),
    ...(view.flags.length === 0 ? {} : { flags: view.flags }),
  });
};

/** Records what Mangopay shows of a document (the decider creates it if absent and walks the legal steps), then the user's side. */
export const observeKycDocument =
  (deps: KycCoreDependencies) =>
  (
    view: KycDocumentView,
    commandId: CommandId,
  ): TaskEither<KycDocumentError | MangopayApiError | CommandHandlingError<KycDocumentError> | ReconcileError, Handled<KycDocumentEvent, KycDocumentState> & { readonly recorded: number }> =>
  async () => {
    const command = observationOfKycDocument(view);
    if (E.isLeft(command)) return command;
    const observed = await deps.handle(deps.documents, view.id, { commandId: `${commandId}:observe` as CommandId, command: command.right })();
    if (E.isLeft(observed)) return observed;
    let recorded = observed.right.replayed ? 0 : observed.right.events.length;
    const state = observed.right.state;
    if (isCreated(state)) {
      const forUser = await recordForUser(deps)(
        state.userId,
        { type: 'RecordKycDocumentStatus', userId: state.userId, documentId: state.documentId, documentType: state.documentType, status: state.status },
        `${commandId}:for-user` as CommandId,
      )();
      if (E.isLeft(forUser)) return forUser;
      recorded += forUser.right;
    }
    return E.right({ ...observed.right, recorded });
  };

/**
 * A hook is a hint: the document is re-read from Mangopay and observed (inferred steps, divergence, or nothing
 * for a duplicate or a stale hint; a document this core has not seen is recorded as Mangopay shows it). An id
 * Mangopay does not know changes nothing.
 */
export const reconcileKycDocument =
  (deps: KycCoreDependencies) =>
  (documentId: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> =>
  async () => {
    const viewed = await deps.mangopay.viewKycDocument(documentId)();
    if (E.isLeft(viewed)) {
      return viewed.left.type === 'RESOURCE_NOT_FOUND' ? E.right(unknownAtMangopay('kyc-document', documentId)) : viewed;
    }
    const observed = await observeKycDocument(deps)(viewed.right, commandId)();
    if (E.isLeft(observed)) return observed;
    return E.right({ resource: 'kyc-document', id: documentId, unknownAtMangopay: false, recordedEvents: observed.right.recorded });
  };
