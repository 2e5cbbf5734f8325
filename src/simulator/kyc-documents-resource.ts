import * as E from 'fp-ts/lib/Either.js';
import { fold } from '../domain/shared/decider.js';
import { unixTimestamp } from '../domain/shared/unix-timestamp.js';
import type { KycDocumentCommand } from '../domain/kyc-document/kyc-document.commands.js';
import { kycDocumentDecider } from '../domain/kyc-document/kyc-document.decider.js';
import type { KycDocumentError } from '../domain/kyc-document/kyc-document.errors.js';
import type { KycDocumentEvent } from '../domain/kyc-document/kyc-document.events.js';
import { initialKycDocumentState, isCreated, type KycDocument } from '../domain/kyc-document/kyc-document.state.js';
import type { HookEventType } from '../application/ports/mangopay-vocabulary.js';
import { refusal } from './domain-refusal.js';
import { readListParams, paginate } from './list-params.js';
import { CreateKycDocumentBody, CreateKycPageBody, decodeBody, SubmitKycDocumentBody } from './request-bodies.js';
import { nextSeq, notify, now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { noContent, notFound, ok, paramError, type Reply } from './simulator-reply.js';
import { documentReached } from './user-kyc-levels.js';
import { kycDocumentWire } from './wire-shapes.js';

const HOOK_OF: Partial<Record<KycDocumentEvent['type'], HookEventType>> = {
  KycDocumentCreated: 'KYC_CREATED',
  KycDocumentSubmitted: 'KYC_VALIDATION_ASKED',
  KycDocumentValidated: 'KYC_SUCCEEDED',
  KycDocumentRefused: 'KYC_FAILED',
  KycDocumentOutOfDate: 'KYC_OUTDATED',
};

/** Which request field a refusal concerns, for Mangopay's `errors` map. */
const FIELD_OF: Partial<Record<KycDocumentError['type'], string>> = {
  PAGE_DATA_URI_PREFIX: 'File',
  PAGE_INVALID_BASE64: 'File',
  PAGE_TOO_SMALL: 'File',
  PAGE_TOO_LARGE: 'File',
  PAGE_FORMAT_NOT_ACCEPTED: 'File',
  TOO_MANY_PAGES: 'File',
};

/**
 * Runs a command through the project's KycDocument decider (under the simulator's page policy), keeps the
 * resulting state, notifies the hooks and tells the user's KYC level what happened.
 */
export const decideDocument = (
  context: SimulatorContext,
  state: typeof initialKycDocumentState | KycDocument,
  command: KycDocumentCommand,
): E.Either<KycDocumentError, KycDocument> => {
  const decider = kycDocumentDecider(context.settings.pagePolicy);
  const decided = decider.decide(command, state);
  if (E.isLeft(decided)) return decided;
  const next = fold(decider.evolve, state)(decided.right);
  if (!isCreated(next)) return E.left({ type: 'KYC_DOCUMENT_NOT_FOUND', message: 'No KYC document exists with this id' });
  const existing = context.store.documents.get(next.documentId);
  if (existing === undefined) context.store.documents.set(next.documentId, { seq: nextSeq(context), state: next });
  else existing.state = next;
  for (const event of decided.right) {
    const hook = HOOK_OF[event.type];
    if (hook !== undefined) notify(context, hook, next.documentId);
    if (event.type === 'KycDocumentValidated' || event.type === 'KycDocumentOutOfDate') {
      const user = context.store.users.get(next.userId);
      if (user !== undefined) documentReached(context, user, next.documentId, next.documentType, next.status);
    }
  }
  return E.right(next);
};

const answer = (context: SimulatorContext, decided: E.Either<KycDocumentError, KycDocument>): Reply =>
  E.isLeft(decided) ? refusal(FIELD_OF[decided.left.type] ?? 'Status', decided.left, now(context)) : ok(kycDocumentWire(decided.right));

/** The user's document, or Mangopay's 404 (for an unknown user or a document of another user). */
const ownedDocument = (context: SimulatorContext, userId: string, documentId: string): E.Either<Reply, KycDocument> => {
  if (!context.store.users.has(userId)) return E.left(notFound('User', userId, now(context)));
  const document = context.store.documents.get(documentId);
  if (document === undefined || document.state.userId !== userId) return E.left(notFound('KycDocument', documentId, now(context)));
  return E.right(document.state);
};

export const createKycDocument = (context: SimulatorContext, userId: string, body: unknown): Reply => {
  const user = context.store.users.get(userId);
  if (user === undefined) return notFound('User', userId, now(context));
  const decoded = decodeBody(CreateKycDocumentBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const { Type, Tag } = decoded.value;
  return answer(
    context,
    decideDocument(context, initialKycDocumentState, {
      type: 'CreateKycDocument',
      documentId: newId('kycdoc', context.settings.now()),
      userId: user.id,
      documentType: Type,
      creationDate: unixTimestamp(now(context)),
      ...(Tag === null || Tag === undefined ? {} : { tag: Tag }),
    }),
  );
};

/** A page's bytes pass through the decider (fingerprinted) and are dropped: only the page event is kept. */
export const addKycPage = (context: SimulatorContext, userId: string, documentId: string, body: unknown): Reply => {
  const document = ownedDocument(context, userId, documentId);
  if (E.isLeft(document)) return document.left;
  const decoded = decodeBody(CreateKycPageBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const decided = decideDocument(context, document.right, { type: 'AddKycPage', documentId: document.right.documentId, file: decoded.value.File });
  return E.isLeft(decided) ? answer(context, decided) : noContent();
};

export const submitKycDocument = (context: SimulatorContext, userId: string, documentId: string, body: unknown): Reply => {
  const document = ownedDocument(context, userId, documentId);
  if (E.isLeft(document)) return document.left;
  const decoded = decodeBody(SubmitKycDocumentBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const { Tag } = decoded.value;
  return answer(
    context,
    decideDocument(context, document.right, {
      type: 'SubmitKycDocument',
      documentId: document.right.documentId,
      ...(Tag === null || Tag === undefined ? {} : { tag: Tag }),
    }),
  );
};

export const viewKycDocument = (context: SimulatorContext, documentId: string, userId?: string): Reply => {
  if (userId !== undefined) {
    const document = ownedDocument(context, userId, documentId);
    return E.isLeft(document) ? document.left : ok(kycDocumentWire(document.right));
  }
  const document = context.store.documents.get(documentId);
  return document === undefined ? notFound('KycDocument', documentId, now(context)) : ok(kycDocumentWire(document.state));
};

/** Seed 002's two lists: a user's documents, or everyone's (which also filters on Type). */
export const listKycDocuments = (context: SimulatorContext, query: URLSearchParams, userId?: string): Reply => {
  if (userId !== undefined && !context.store.users.has(userId)) return notFound('User', userId, now(context));
  const read = readListParams(query);
  if (!read.ok) return paramError(read.errors, now(context));
  const { params } = read;
  const matching = [...context.store.documents.values()].filter(({ state }) => {
    if (userId !== undefined && state.userId !== userId) return false;
    if (params.beforeDate !== undefined && !(state.creationDate < params.beforeDate)) return false;
    if (params.afterDate !== undefined && !(state.creationDate > params.afterDate)) return false;
    if (params.status !== undefined && !params.status.has(state.status)) return false;
    if (userId === undefined && params.type !== undefined && !params.type.has(state.documentType)) return false;
    return true;
  });
  const { page, headers } = paginate(matching, params, (document) => [document.state.creationDate, document.seq]);
  return ok(
    page.map((document) => kycDocumentWire(document.state)),
    headers,
  );
};
