import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { isCreated } from '../../domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import { domainError } from '../../domain/shared/domain-error.js';
import { isUnrecognized } from '../../domain/shared/recognized.js';
import { streamNameOf } from '../command-handling/aggregate.js';
import { loadAggregate } from '../command-handling/load-aggregate.js';
import type { KycCoreDependencies } from '../platform-commands/kyc-core-dependencies.js';
import { recordForUser } from './record-for-user.js';
import { unknownAtMangopay, type ReconcileError, type ReconcileOutcome } from './reconcile-errors.js';

/**
 * A hook is a hint: the document is re-read from Mangopay and its status goes through the transition
 * table (inferred steps, divergence, or nothing for a duplicate or a stale hint). A document created
 * outside this core is taken in as Mangopay shows it. An id Mangopay does not know changes nothing.
 */
export const reconcileKycDocument =
  (deps: KycCoreDependencies) =>
  (documentId: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> =>
  async () => {
    const viewed = await deps.mangopay.viewKycDocument(documentId)();
    if (E.isLeft(viewed)) {
      return viewed.left.type === 'RESOURCE_NOT_FOUND' ? E.right(unknownAtMangopay('kyc-document', documentId)) : viewed;
    }
    const view = viewed.right;
    let recorded = 0;

    const local = await loadAggregate(deps.store, deps.documents, streamNameOf(deps.documents, documentId), deps.vault)();
    if (E.isLeft(local)) return local;
    if (!isCreated(local.right.state)) {
      if (isUnrecognized(view.type)) {
        return E.left({
          ...domainError('MANGOPAY_RESPONSE_INVALID', 'Mangopay has a document of a type this core does not know'),
          status: 200,
          faults: [{ path: 'Type', rule: 'KycDocumentType' }],
        });
      }
      const imported = await deps.handle(deps.documents, documentId, {
        commandId: `${commandId}:import` as CommandId,
        command: {
          type: 'CreateKycDocument',
          documentId,
          userId: view.userId,
          documentType: view.type,
          creationDate: view.creationDate,
          ...(view.tag === null ? {} : { tag: view.tag }),
        },
      })();
      // The platform's own command may have recorded it meanwhile: then there is nothing to import.
      if (E.isLeft(imported) && imported.left.type !== 'KYC_DOCUMENT_ALREADY_CREATED') return imported;
      if (E.isRight(imported)) recorded += imported.right.replayed ? 0 : imported.right.events.length;
    }

    const observed = await deps.handle(deps.documents, documentId, {
      commandId: `${commandId}:observe` as CommandId,
      command: {
        type: 'ObserveKycDocumentStatus',
        documentId,
        status: view.status,
        ...(view.refusedReasonType === null ? {} : { refusedReasonType: view.refusedReasonType }),
        ...(view.refusedReasonMessage === null ? {} : { refusedReasonMessage: view.refusedReasonMessage }),
        ...(view.processedDate === null ? {} : { processedDate: view.processedDate }),
      },
    })();
    if (E.isLeft(observed)) return observed;
    recorded += observed.right.replayed ? 0 : observed.right.events.length;

    const state = observed.right.state;
    if (isCreated(state)) {
      const forUser = await recordForUser(deps)(
        state.userId,
        { type: 'RecordKycDocumentStatus', userId: state.userId, documentId, documentType: state.documentType, status: state.status },
        `${commandId}:for-user` as CommandId,
      )();
      if (E.isLeft(forUser)) return forUser;
      recorded += forUser.right;
    }
    return E.right({ resource: 'kyc-document', id: documentId, unknownAtMangopay: false, recordedEvents: recorded });
  };
