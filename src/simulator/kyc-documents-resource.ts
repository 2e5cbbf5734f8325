import { paginate, readListParams } from './list-params.js';
import type { HookEventType, KycDocumentStatus } from './mangopay-words.js';
import { readPage } from './page-rules.js';
import { CreateKycDocumentBody, CreateKycPageBody, decodeBody, SubmitKycDocumentBody } from './request-bodies.js';
import { nextSeq, notify, now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { mangopayError, noContent, notFound, ok, paramError, type Reply } from './simulator-reply.js';
import type { SimulatedDocument } from './simulator-store.js';
import { settleKycLevel } from './user-kyc-levels.js';
import { kycDocumentWire } from './wire-shapes.js';

/** "Event types", KYC documents: one hook per status a document reaches. */
const HOOK_OF: Readonly<Record<KycDocumentStatus, HookEventType>> = {
  CREATED: 'KYC_CREATED',
  VALIDATION_ASKED: 'KYC_VALIDATION_ASKED',
  VALIDATED: 'KYC_SUCCEEDED',
  REFUSED: 'KYC_FAILED',
  OUT_OF_DATE: 'KYC_OUTDATED',
};

/** A document reached a status: the hook for it, and the user's KYC level read again. */
export const documentReached = (context: SimulatorContext, document: SimulatedDocument, status: KycDocumentStatus): void => {
  document.status = status;
  notify(context, HOOK_OF[status], document.id);
  settleKycLevel(context, document.userId);
};

/** The user's document, or Mangopay's 404 (for an unknown user or a document of another user). */
const ownedDocument = (context: SimulatorContext, userId: string, documentId: string): SimulatedDocument | Reply => {
  if (!context.store.users.has(userId)) return notFound('User', userId, now(context));
  const document = context.store.documents.get(documentId);
  if (document === undefined || document.userId !== userId) return notFound('KycDocument', documentId, now(context));
  return document;
};
const isReply = (value: SimulatedDocument | Reply): value is Reply => 'status' in value && typeof value.status === 'number';

export const createKycDocument = (context: SimulatorContext, userId: string, body: unknown): Reply => {
  const user = context.store.users.get(userId);
  if (user === undefined) return notFound('User', userId, now(context));
  const decoded = decodeBody(CreateKycDocumentBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const document: SimulatedDocument = {
    id: newId('kycdoc', context.settings.now()),
    seq: nextSeq(context),
    userId: user.id,
    type: decoded.value.Type,
    creationDate: now(context),
    status: 'CREATED',
    tag: decoded.value.Tag ?? null,
    processedDate: null,
    refusedReasonType: null,
    refusedReasonMessage: null,
    flags: [],
    pages: [],
  };
  context.store.documents.set(document.id, document);
  notify(context, 'KYC_CREATED', document.id);
  return ok(kycDocumentWire(document));
};

/** "Create a KYC Document Page": only while CREATED, within the page rules; the bytes are fingerprinted and dropped. */
export const addKycPage = (context: SimulatorContext, userId: string, documentId: string, body: unknown): Reply => {
  const document = ownedDocument(context, userId, documentId);
  if (isReply(document)) return document;
  const decoded = decodeBody(CreateKycPageBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  if (document.status !== 'CREATED') return paramError({ Status: `Pages can only be added while the document is CREATED (it is ${document.status}).` }, now(context));
  const read = readPage(context.settings.pageRules, document.type, document.pages.length, decoded.value.File);
  if ('refused' in read) {
    const { status, reason } = read.refused;
    return status === 400
      ? paramError({ File: reason }, now(context))
      : mangopayError(status, status === 413 ? 'request_too_large' : 'unsupported_media_type', reason, { File: reason }, now(context));
  }
  document.pages.push(read.page);
  return noContent();
};

/** "Submit a KYC Document": CREATED → VALIDATION_ASKED, once it has a page. */
export const submitKycDocument = (context: SimulatorContext, userId: string, documentId: string, body: unknown): Reply => {
  const document = ownedDocument(context, userId, documentId);
  if (isReply(document)) return document;
  const decoded = decodeBody(SubmitKycDocumentBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  if (document.status !== 'CREATED') return paramError({ Status: `Only a CREATED document can be submitted (it is ${document.status}).` }, now(context));
  if (document.pages.length === 0) return paramError({ Status: 'A document needs at least one page before it is submitted.' }, now(context));
  if (decoded.value.Tag !== undefined && decoded.value.Tag !== null) document.tag = decoded.value.Tag;
  documentReached(context, document, 'VALIDATION_ASKED');
  return ok(kycDocumentWire(document));
};

export const viewKycDocument = (context: SimulatorContext, documentId: string, userId?: string): Reply => {
  if (userId !== undefined) {
    const document = ownedDocument(context, userId, documentId);
    return isReply(document) ? document : ok(kycDocumentWire(document));
  }
  const document = context.store.documents.get(documentId);
  return document === undefined ? notFound('KycDocument', documentId, now(context)) : ok(kycDocumentWire(document));
};

/** Seed 002's two lists: a user's documents, or everyone's (which also filters on Type). */
export const listKycDocuments = (context: SimulatorContext, query: URLSearchParams, userId?: string): Reply => {
  if (userId !== undefined && !context.store.users.has(userId)) return notFound('User', userId, now(context));
  const read = readListParams(query);
  if (!read.ok) return paramError(read.errors, now(context));
  const { params } = read;
  const matching = [...context.store.documents.values()].filter((document) => {
    if (userId !== undefined && document.userId !== userId) return false;
    if (params.beforeDate !== undefined && !(document.creationDate < params.beforeDate)) return false;
    if (params.afterDate !== undefined && !(document.creationDate > params.afterDate)) return false;
    if (params.status !== undefined && !params.status.has(document.status)) return false;
    if (userId === undefined && params.type !== undefined && !params.type.has(document.type)) return false;
    return true;
  });
  const { page, headers } = paginate(matching, params, (document) => [document.creationDate, document.seq]);
  return ok(page.map(kycDocumentWire), headers);
};
