import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadAggregate } from '../../../application/command-handling/load-aggregate.js';
import { addKycPage, createKycDocument, submitKycDocument } from '../../../application/platform-commands/index.js';
import { isCreated, type KycDocumentState } from '../../../domain/kyc-document/index.js';
import { commandAnswer, pageAnswer, resourceAnswer, type Shown } from '../shared/answers.js';
import { personalDataViewOf } from '../shared/request-key.js';
import {
  AllDocumentsQuery,
  CreateKycDocumentBody,
  CreateKycPageBody,
  DocumentIdParam,
  NoQuery,
  SubmitKycDocumentBody,
  UserDocumentParams,
  UserDocumentsQuery,
  UserIdParam,
} from '../shared/request-codecs.js';
import { documentSummaryJson, kycDocumentJson } from '../shared/resource-json.js';
import { route } from '../shared/route.js';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';

/** A document as the request's key may see it (its personal values shown or masked). */
const documentShownTo =
  (request: FastifyRequest): Shown<KycDocumentState> =>
  (state) =>
    isCreated(state) ? kycDocumentJson(state, personalDataViewOf(request)) : undefined;

/**
 * Mangopay's KYC documents: create one for a user, add its pages, submit it (through the use cases: Mangopay
 * first, then the event log); one document folded from its stream; a user's documents and all of them from the read model.
 * Another user's document is not found (the decider refuses it, as Mangopay's paths do).
 */
export const registerKycDocumentsRoutes = (app: FastifyInstance, deps: PlatformRoutesDependencies): void => {
  const { core } = deps;

  route(app, {
    method: 'POST',
    url: '/users/:userId/kyc/documents',
    params: UserIdParam,
    query: NoQuery,
    body: CreateKycDocumentBody,
    commandIds: deps.newCommandId,
    handler: async (request, reply, { params, body, commandId }) => {
      const created = await createKycDocument(core)({ commandId, userId: params.userId, documentType: body.Type, ...(body.Tag === undefined ? {} : { tag: body.Tag }) })();
      return commandAnswer(reply, created, 'made', documentShownTo(request));
    },
  });

  route(app, {
    method: 'POST',
    url: '/users/:userId/kyc/documents/:documentId/pages',
    params: UserDocumentParams,
    query: NoQuery,
    body: CreateKycPageBody,
    commandIds: deps.newCommandId,
    handler: async (request, reply, { params, body, commandId }) => {
      const added = await addKycPage(core)({ commandId, userId: params.userId, documentId: params.documentId, file: body.File })();
      return commandAnswer(reply, added, 'made', documentShownTo(request));
    },
  });

  route(app, {
    method: 'PUT',
    url: '/users/:userId/kyc/documents/:documentId',
    params: UserDocumentParams,
    query: NoQuery,
    body: SubmitKycDocumentBody,
    commandIds: deps.newCommandId,
    handler: async (request, reply, { params, body, commandId }) => {
      const submitted = await submitKycDocument(core)({ commandId, userId: params.userId, documentId: params.documentId, ...(body.Tag === undefined ? {} : { tag: body.Tag }) })();
      return commandAnswer(reply, submitted, 'changed', documentShownTo(request));
    },
  });

  route(app, {
    method: 'GET',
    url: '/kyc/documents/:documentId',
    params: DocumentIdParam,
    query: NoQuery,
    handler: async (request, reply, { params }) => {
      const loaded = await loadAggregate(core)(core.documents, params.documentId)();
      return resourceAnswer(reply, loaded, documentShownTo(request), { type: 'KYC_DOCUMENT_NOT_FOUND', message: 'No KYC document exists with this id' });
    },
  });

  route(app, {
    method: 'GET',
    url: '/users/:userId/kyc/documents',
    params: UserIdParam,
    query: UserDocumentsQuery,
    handler: async (_request, reply, { params, query }) => listDocuments(deps, reply, { ...query, userId: params.userId }),
  });

  route(app, {
    method: 'GET',
    url: '/kyc/documents',
    query: AllDocumentsQuery,
    handler: async (_request, reply, { query }) => listDocuments(deps, reply, query),
  });
};

/** A page of documents, a user's or everyone's, filtered as the query says. */
const listDocuments = (deps: PlatformRoutesDependencies, reply: FastifyReply, query: AllDocumentsQuery & { readonly userId?: string }) =>
  pageAnswer(
    reply,
    deps.readModelCaughtUp,
    () =>
      deps.readModel.listDocuments({
        ...(query.userId === undefined ? {} : { userId: query.userId }),
        page: query.Page ?? 1,
        perPage: query.Per_Page ?? 10,
        sort: query.Sort ?? 'CreationDate:DESC',
        ...(query.BeforeDate === undefined ? {} : { beforeDate: query.BeforeDate }),
        ...(query.AfterDate === undefined ? {} : { afterDate: query.AfterDate }),
        ...(query.Status === undefined ? {} : { statuses: query.Status }),
        ...(query.Type === undefined ? {} : { types: query.Type }),
      }),
    documentSummaryJson,
  );
