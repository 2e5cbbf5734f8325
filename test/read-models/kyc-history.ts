import * as E from 'fp-ts/lib/Either.js';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryEventStore } from '../../src/adapters/in-memory/event-store/index.js';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../../src/application/aggregates.js';
import { createCommandHandler, immediateRetry } from '../../src/application/command-handling/index.js';
import type { EventStore } from '../../src/application/ports/event-store.js';
import type { IdvSessionStatus } from '../../src/domain/idv-session/index.js';
import type { UboDeclarationStatus } from '../../src/domain/user-kyc/index.js';
import type { KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from '../../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId, Tag } from '../../src/domain/shared/bounded-string.js';
import type { Recognized } from '../../src/domain/shared/recognized.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import type { ErasureReason, KycLevel, OperatorId, UserProfile } from '../../src/domain/user-kyc/index.js';
import { pageFile } from '../support/page-files.js';

/**
 * Real histories for the read model tests: every event comes from the deciders through the command handler,
 * on the in-memory event store. `attempt` says whether the command was accepted; the named steps insist.
 */
export interface DocumentObservation {
  readonly status: Recognized<KycDocumentStatus>;
  readonly refusedReasonType?: Recognized<KycDocumentRefusedReasonType>;
  readonly refusedReasonMessage?: string;
  readonly processedDate?: number;
  readonly flags?: ReadonlyArray<string>;
}

const PAGE = pageFile('PNG', 2048);

export const kycHistory = (store: EventStore = createInMemoryEventStore()) => {
  const handle = createCommandHandler({ store, clock: fixedClock(), retry: immediateRetry(3) });
  const documents = kycDocumentAggregate();
  let commands = 0;
  const commandId = (): CommandId => `cmd-${++commands}` as CommandId;
  const id = (value: string) => value as MangopayId;
  /** What each document was created with: its later commands and Mangopay's views of it name the same. */
  const created = new Map<string, { readonly userId: MangopayId; readonly documentType: KycDocumentType; readonly creationDate: UnixTimestamp }>();
  const ofDocument = (documentId: string) =>
    created.get(documentId) ?? { userId: id('user-never-created'), documentType: 'IDENTITY_PROOF' as KycDocumentType, creationDate: 0 as UnixTimestamp };

  const attempt = {
    createDocument: async (documentId: string, userId: string, documentType: KycDocumentType, creationDate: number, tag?: string) => {
      if (!created.has(documentId)) created.set(documentId, { userId: id(userId), documentType, creationDate: creationDate as UnixTimestamp });
      return E.isRight(
        await handle(documents, documentId, {
          commandId: commandId(),
          command: {
            type: 'CreateKycDocument',
            documentId: id(documentId),
            userId: id(userId),
            documentType,
            creationDate: creationDate as UnixTimestamp,
            ...(tag === undefined ? {} : { tag: tag as Tag }),
          },
        })(),
      );
    },
    addPage: async (documentId: string) =>
      E.isRight(
        await handle(documents, documentId, {
          commandId: commandId(),
          command: { type: 'AddKycPage', documentId: id(documentId), userId: ofDocument(documentId).userId, file: PAGE },
        })(),
      ),
    submit: async (documentId: string, tag?: string) =>
      E.isRight(
        await handle(documents, documentId, {
          commandId: commandId(),
          command: {
            type: 'SubmitKycDocument',
            documentId: id(documentId),
            userId: ofDocument(documentId).userId,
            ...(tag === undefined ? {} : { tag: tag as Tag }),
          },
        })(),
      ),
    observeDocument: async (documentId: string, observation: DocumentObservation) =>
      E.isRight(
        await handle(documents, documentId, {
          commandId: commandId(),
          command: { type: 'ObserveKycDocument', documentId: id(documentId), ...ofDocument(documentId), ...observation } as never,
        })(),
      ),
  };

  const insist = async (accepted: Promise<boolean>, what: string): Promise<void> => {
    if (!(await accepted)) throw new Error(`the domain refused: ${what}`);
  };

  return {
    store,
    attempt,
    user: (userId: string, user: UserProfile, kycLevel: KycLevel = 'LIGHT') =>
      insist(
        handle(userKycAggregate, userId, { commandId: commandId(), command: { type: 'ObserveUser', userId: id(userId), user, kycLevel } })().then(E.isRight),
        `observe user ${userId}`,
      ),
    document: (documentId: string, userId: string, documentType: KycDocumentType, creationDate: number, tag?: string) =>
      insist(attempt.createDocument(documentId, userId, documentType, creationDate, tag), `create ${documentId}`),
    addPage: (documentId: string) => insist(attempt.addPage(documentId), `add a page to ${documentId}`),
    submit: (documentId: string, tag?: string) => insist(attempt.submit(documentId, tag), `submit ${documentId}`),
    observeDocument: (documentId: string, observation: DocumentObservation) =>
      insist(attempt.observeDocument(documentId, observation), `observe ${documentId}`),
    /** Tells the user's stream where a document stands, as reconciliation does after observing it. */
    recordDocumentForUser: (userId: string, documentId: string, documentType: KycDocumentType, status: KycDocumentStatus) =>
      insist(
        handle(userKycAggregate, userId, {
          commandId: commandId(),
          command: { type: 'RecordKycDocumentStatus', userId: id(userId), documentId: id(documentId), documentType, status },
        })().then(E.isRight),
        `record ${documentId} for ${userId}`,
      ),
    startSession: (sessionId: string, userId: string, user: UserProfile, creationDate: number, tag?: string) =>
      insist(
        handle(idvSessionAggregate, sessionId, {
          commandId: commandId(),
          command: {
            type: 'StartIdvSession',
            sessionId: id(sessionId),
            userId: id(userId),
            user,
            returnUrl: 'https://platform.example/back' as HttpsUrl,
            hostedUrl: `https://idv.example/${sessionId}`,
            creationDate: creationDate as UnixTimestamp,
            ...(tag === undefined ? {} : { tag: tag as Tag }),
          },
        })().then(E.isRight),
        `start ${sessionId}`,
      ),
    observeSession: (sessionId: string, status: Recognized<IdvSessionStatus>) =>
      insist(
        handle(idvSessionAggregate, sessionId, { commandId: commandId(), command: { type: 'ObserveIdvSession', sessionId: id(sessionId), status } })().then(
          E.isRight,
        ),
        `observe ${sessionId}`,
      ),
    recordSessionForUser: (userId: string, sessionId: string, status: IdvSessionStatus) =>
      insist(
        handle(userKycAggregate, userId, {
          commandId: commandId(),
          command: { type: 'RecordIdvSessionStatus', userId: id(userId), sessionId: id(sessionId), status },
        })().then(E.isRight),
        `record ${sessionId} for ${userId}`,
      ),
    /** Mangopay lists the user's UBO declaration `declarationId` in `status` (with one UBO). */
    observeUboDeclaration: (userId: string, declarationId: string, status: UboDeclarationStatus) =>
      insist(
        handle(userKycAggregate, userId, {
          commandId: commandId(),
          command: {
            type: 'ObserveUboDeclarations',
            userId: id(userId),
            declarations: [{ declarationId: id(declarationId), status, creationDate: 1_700_000_000 as UnixTimestamp, uboCount: 1, ...(status === 'REFUSED' ? { reason: 'MISSING_UBO' as const } : {}) }],
          },
        })().then(E.isRight),
        `observe UBO declaration ${declarationId} of ${userId}`,
      ),
    /** Records the erasure of the user's personal data (forced: no retention check), as `kyc erase --force` does. */
    erase: (userId: string, requestedAt: number) =>
      insist(
        handle(userKycAggregate, userId, {
          commandId: commandId(),
          command: {
            type: 'ErasePersonalData',
            userId: id(userId),
            requestedAt: requestedAt as UnixTimestamp,
            erasedBy: 'dpo-1' as OperatorId,
            reason: 'GDPR request' as ErasureReason,
            forced: true,
            retentionYears: 5,
          },
        })().then(E.isRight),
        `erase ${userId}`,
      ),
  };
};

export type KycHistory = ReturnType<typeof kycHistory>;

export const NATURAL_OWNER: UserProfile = { personType: 'NATURAL', userCategory: 'OWNER' };
export const SOLETRADER_OWNER: UserProfile = { personType: 'LEGAL', legalPersonType: 'SOLETRADER', userCategory: 'OWNER' };
export const BUSINESS_OWNER: UserProfile = { personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' };
export const ORGANIZATION_PAYER: UserProfile = { personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'PAYER' };
