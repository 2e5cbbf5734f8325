import { createHook, listHooks, updateHook, viewHook } from './hooks-resource.js';
import { createIdvSession, listIdvSessions, viewIdvSession, viewIdvSessionChecks } from './idv-sessions-resource.js';
import { addKycPage, createKycDocument, listKycDocuments, submitKycDocument, viewKycDocument } from './kyc-documents-resource.js';
import type { Route } from './route-table.js';
import type { SimulatorContext } from './simulator-context.js';
import type { Reply } from './simulator-reply.js';
import { addUbo, createUboDeclaration, listUboDeclarations, submitUboDeclaration, updateUbo, viewUbo, viewUboDeclaration } from './ubo-declarations-resource.js';
import { createLegalUser, createNaturalUser, viewUser } from './users-resource.js';

export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export type ApiHandler = (context: SimulatorContext, request: ApiRequest) => Reply;

const p = (request: ApiRequest, name: string): string => request.params[name] ?? '';

/** The subset of Mangopay's API v2.01 under /v2.01/{ClientId}/ that the simulator speaks. */
export const API_ROUTES: ReadonlyArray<Route<ApiHandler>> = [
  { method: 'POST', pattern: 'users/natural', handler: (c, r) => createNaturalUser(c, r.body) },
  { method: 'POST', pattern: 'users/legal', handler: (c, r) => createLegalUser(c, r.body) },
  { method: 'GET', pattern: 'users/natural/:userId', handler: (c, r) => viewUser(c, p(r, 'userId'), 'NATURAL') },
  { method: 'GET', pattern: 'users/legal/:userId', handler: (c, r) => viewUser(c, p(r, 'userId'), 'LEGAL') },
  { method: 'GET', pattern: 'users/:userId', handler: (c, r) => viewUser(c, p(r, 'userId')) },
  { method: 'POST', pattern: 'users/:userId/kyc/documents', handler: (c, r) => createKycDocument(c, p(r, 'userId'), r.body) },
  { method: 'GET', pattern: 'users/:userId/kyc/documents', handler: (c, r) => listKycDocuments(c, r.query, p(r, 'userId')) },
  { method: 'GET', pattern: 'users/:userId/kyc/documents/:documentId', handler: (c, r) => viewKycDocument(c, p(r, 'documentId'), p(r, 'userId')) },
  { method: 'PUT', pattern: 'users/:userId/kyc/documents/:documentId', handler: (c, r) => submitKycDocument(c, p(r, 'userId'), p(r, 'documentId'), r.body) },
  { method: 'POST', pattern: 'users/:userId/kyc/documents/:documentId/pages', handler: (c, r) => addKycPage(c, p(r, 'userId'), p(r, 'documentId'), r.body) },
  { method: 'GET', pattern: 'kyc/documents', handler: (c, r) => listKycDocuments(c, r.query) },
  { method: 'GET', pattern: 'kyc/documents/:documentId', handler: (c, r) => viewKycDocument(c, p(r, 'documentId')) },
  { method: 'POST', pattern: 'users/:userId/kyc/ubodeclarations', handler: (c, r) => createUboDeclaration(c, p(r, 'userId')) },
  { method: 'GET', pattern: 'users/:userId/kyc/ubodeclarations', handler: (c, r) => listUboDeclarations(c, p(r, 'userId'), r.query) },
  { method: 'GET', pattern: 'users/:userId/kyc/ubodeclarations/:declarationId', handler: (c, r) => viewUboDeclaration(c, p(r, 'declarationId'), p(r, 'userId')) },
  { method: 'PUT', pattern: 'users/:userId/kyc/ubodeclarations/:declarationId', handler: (c, r) => submitUboDeclaration(c, p(r, 'userId'), p(r, 'declarationId'), r.body) },
  { method: 'POST', pattern: 'users/:userId/kyc/ubodeclarations/:declarationId/ubos', handler: (c, r) => addUbo(c, p(r, 'userId'), p(r, 'declarationId'), r.body) },
  { method: 'GET', pattern: 'users/:userId/kyc/ubodeclarations/:declarationId/ubos/:uboId', handler: (c, r) => viewUbo(c, p(r, 'userId'), p(r, 'declarationId'), p(r, 'uboId')) },
  { method: 'PUT', pattern: 'users/:userId/kyc/ubodeclarations/:declarationId/ubos/:uboId', handler: (c, r) => updateUbo(c, p(r, 'userId'), p(r, 'declarationId'), p(r, 'uboId'), r.body) },
  { method: 'GET', pattern: 'kyc/ubodeclarations/:declarationId', handler: (c, r) => viewUboDeclaration(c, p(r, 'declarationId')) },
  { method: 'POST', pattern: 'users/:userId/identity-verifications', handler: (c, r) => createIdvSession(c, p(r, 'userId'), r.body) },
  { method: 'GET', pattern: 'users/:userId/identity-verifications', handler: (c, r) => listIdvSessions(c, p(r, 'userId'), r.query) },
  { method: 'GET', pattern: 'identity-verifications/:sessionId', handler: (c, r) => viewIdvSession(c, p(r, 'sessionId')) },
  { method: 'GET', pattern: 'identity-verifications/:sessionId/checks', handler: (c, r) => viewIdvSessionChecks(c, p(r, 'sessionId')) },
  { method: 'POST', pattern: 'hooks', handler: (c, r) => createHook(c, r.body) },
  { method: 'GET', pattern: 'hooks', handler: (c, r) => listHooks(c, r.query) },
  { method: 'GET', pattern: 'hooks/:hookId', handler: (c, r) => viewHook(c, p(r, 'hookId')) },
  { method: 'PUT', pattern: 'hooks/:hookId', handler: (c, r) => updateHook(c, p(r, 'hookId'), r.body) },
];
