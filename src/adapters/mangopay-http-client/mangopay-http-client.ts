import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import type { MangopayApiError, MangopayResource } from '../../application/ports/mangopay-api-errors.js';
import type { IdempotencyKey } from '../../application/ports/mangopay-idempotency-key.js';
import { KycDocumentQuery, Paging, UserKycDocumentQuery } from '../../application/ports/mangopay-list-query.js';
import { MangopayId } from '../../domain/shared/bounded-string.js';
import { decodeWith } from '../../domain/shared/invalid-input.js';
import { hookView, HookWire } from './hook-wire.js';
import { IdvChecksWire, idvSessionView, IdvSessionWire } from './idv-session-wire.js';
import { kycDocumentView, KycDocumentWire } from './kyc-document-wire.js';
import { type MangopayHttpClientOptions, resolveOptions } from './mangopay-http-client-options.js';
import { createTransport } from './mangopay-http-transport.js';
import { createTokenSource } from './oauth-token-source.js';
import { uboDeclarationView, UboDeclarationWire } from './ubo-declaration-wire.js';
import { userView, UserWire } from './user-wire.js';
import { decodeBody, decodeList } from './wire-decoding.js';

/**
 * An id as a path segment: checked by the id rule here too (a caller may hand any string), then encoded.
 * Encoding is the second line only: a URL parser takes `%2e` for a dot, so a dot segment must be refused.
 */
const segment = (resource: MangopayResource, id: string): E.Either<MangopayApiError, string> =>
  pipe(
    decodeWith(MangopayId, `${resource} id`)(id),
    E.map((valid) => encodeURIComponent(valid)),
  );

/** The head of a chain of argument checks, typed with the port's error. */
const start = () => TE.of<MangopayApiError, Record<never, never>>({});
const argument = <A>(checked: E.Either<MangopayApiError, A>): TE.TaskEither<MangopayApiError, A> => TE.fromEither(checked);

/** Mangopay's optional Tag field: sent only when there is one. */
const tagged = (tag: string | undefined): { readonly Tag?: string } => (tag === undefined ? {} : { Tag: tag });

const pagingParams = (paging: { readonly page?: number; readonly perPage?: number } | undefined): URLSearchParams => {
  const params = new URLSearchParams();
  if (paging?.page !== undefined) params.set('Page', String(paging.page));
  if (paging?.perPage !== undefined) params.set('Per_Page', String(paging.perPage));
  return params;
};

const documentParams = (query: KycDocumentQuery): URLSearchParams => {
  const params = pagingParams(query);
  if (query.sort !== undefined) params.set('Sort', query.sort);
  if (query.beforeDate !== undefined) params.set('BeforeDate', String(query.beforeDate));
  if (query.afterDate !== undefined) params.set('AfterDate', String(query.afterDate));
  if (query.status !== undefined && query.status.length > 0) params.set('Status', query.status.join(','));
  if (query.type !== undefined && query.type.length > 0) params.set('Type', query.type.join(','));
  return params;
};

/**
 * The MangopayApi port over HTTP: OAuth2 client credentials, Idempotency-Key on every creating call,
 * timeouts, safe retries, rate-limit waits, and every answer decoded with io-ts into the domain's words.
 * All state (the token) belongs to this instance: clients with other credentials never share anything.
 */
export const createMangopayHttpClient = (clientOptions: MangopayHttpClientOptions): MangopayApi => {
  const options = resolveOptions(clientOptions);
  const send = createTransport(options, createTokenSource(options));

  const userPath = (userId: string) => segment('user', userId);

  const viewSession = (sessionId: string) =>
    pipe(
      argument(segment('idv-session', sessionId)),
      TE.chain((id) => send({ method: 'GET', path: `/identity-verifications/${id}`, subject: { resource: 'idv-session', id: sessionId } })),
      TE.chainEitherK(decodeBody(IdvSessionWire, (wire) => wire)),
      TE.chain((wire) =>
        wire.Checks !== undefined && wire.Checks !== null
          ? TE.right(idvSessionView(wire, wire.Checks))
          : pipe(
              send({ method: 'GET', path: `/identity-verifications/${encodeURIComponent(wire.Id)}/checks`, subject: { resource: 'idv-session', id: sessionId } }),
              TE.chainEitherK(decodeBody(IdvChecksWire, (checks) => idvSessionView(wire, checks.Checks))),
            ),
      ),
    );

  /** A creating POST below one user's path (the user is what a 404 means). */
  const createForUser = (userId: string, below: string, body: unknown, idempotencyKey: IdempotencyKey) =>
    pipe(
      argument(userPath(userId)),
      TE.chain((id) => send({ method: 'POST', path: `/users/${id}${below}`, body, idempotencyKey, subject: { resource: 'user', id: userId } })),
    );

  return {
    viewUser: (userId) =>
      pipe(
        argument(userPath(userId)),
        TE.chain((id) => send({ method: 'GET', path: `/users/${id}`, subject: { resource: 'user', id: userId } })),
        TE.chainEitherK(decodeBody(UserWire, userView)),
      ),

    createKycDocument: (input, idempotencyKey) =>
      pipe(
        createForUser(input.userId, '/kyc/documents', { Type: input.type, ...tagged(input.tag) }, idempotencyKey),
        TE.chainEitherK(decodeBody(KycDocumentWire, kycDocumentView)),
      ),

    addKycPage: (input, idempotencyKey) =>
      pipe(
        start(),
        TE.bind('user', () => argument(userPath(input.userId))),
        TE.bind('document', () => argument(segment('kyc-document', input.documentId))),
        TE.chain(({ user, document }) =>
          send({
            method: 'POST',
            path: `/users/${user}/kyc/documents/${document}/pages`,
            body: { File: input.file },
            idempotencyKey,
            subject: { resource: 'kyc-document', id: input.documentId },
          }),
        ),
        TE.map(() => undefined),
      ),

    submitKycDocument: (input) =>
      pipe(
        start(),
        TE.bind('user', () => argument(userPath(input.userId))),
        TE.bind('document', () => argument(segment('kyc-document', input.documentId))),
        TE.chain(({ user, document }) =>
          send({
            method: 'PUT',
            path: `/users/${user}/kyc/documents/${document}`,
            body: { Status: 'VALIDATION_ASKED', ...tagged(input.tag) },
            subject: { resource: 'kyc-document', id: input.documentId },
          }),
        ),
        TE.chainEitherK(decodeBody(KycDocumentWire, kycDocumentView)),
      ),

    viewKycDocument: (documentId) =>
      pipe(
        argument(segment('kyc-document', documentId)),
        TE.chain((id) => send({ method: 'GET', path: `/kyc/documents/${id}`, subject: { resource: 'kyc-document', id: documentId } })),
        TE.chainEitherK(decodeBody(KycDocumentWire, kycDocumentView)),
      ),

    listUserKycDocuments: (userId, query = {}) =>
      pipe(
        start(),
        TE.bind('user', () => argument(userPath(userId))),
        TE.bind('query', () => argument(decodeWith(UserKycDocumentQuery)(query))),
        TE.chain(({ user, query: valid }) =>
          send({ method: 'GET', path: `/users/${user}/kyc/documents`, query: documentParams(valid), subject: { resource: 'user', id: userId } }),
        ),
        TE.chainEitherK(decodeList(KycDocumentWire, kycDocumentView)),
      ),

    listKycDocuments: (query = {}) =>
      pipe(
        argument(decodeWith(KycDocumentQuery)(query)),
        TE.chain((valid) => send({ method: 'GET', path: '/kyc/documents', query: documentParams(valid), subject: { resource: 'kyc-document', id: '(list)' } })),
        TE.chainEitherK(decodeList(KycDocumentWire, kycDocumentView)),
      ),

    createIdvSession: (input, idempotencyKey) =>
      pipe(
        createForUser(input.userId, '/identity-verifications', { ReturnUrl: input.returnUrl, ...tagged(input.tag) }, idempotencyKey),
        TE.chainEitherK(decodeBody(IdvSessionWire, (wire) => idvSessionView(wire, wire.Checks ?? []))),
      ),

    viewIdvSession: viewSession,

    listUserIdvSessions: (userId, paging = {}) =>
      pipe(
        start(),
        TE.bind('user', () => argument(userPath(userId))),
        TE.bind('paging', () => argument(decodeWith(Paging)(paging))),
        TE.chain(({ user, paging: valid }) =>
          send({ method: 'GET', path: `/users/${user}/identity-verifications`, query: pagingParams(valid), subject: { resource: 'user', id: userId } }),
        ),
        TE.chainEitherK(decodeList(IdvSessionWire, (wire) => idvSessionView(wire, wire.Checks ?? []))),
      ),

    listUserUboDeclarations: (userId, paging = {}) =>
      pipe(
        start(),
        TE.bind('user', () => argument(userPath(userId))),
        TE.bind('paging', () => argument(decodeWith(Paging)(paging))),
        TE.chain(({ user, paging: valid }) =>
          send({ method: 'GET', path: `/users/${user}/kyc/ubodeclarations`, query: pagingParams(valid), subject: { resource: 'user', id: userId } }),
        ),
        TE.chainEitherK(decodeList(UboDeclarationWire, uboDeclarationView)),
      ),

    viewUboDeclaration: (declarationId) =>
      pipe(
        argument(segment('ubo-declaration', declarationId)),
        TE.chain((id) => send({ method: 'GET', path: `/kyc/ubodeclarations/${id}`, subject: { resource: 'ubo-declaration', id: declarationId } })),
        TE.chainEitherK(decodeBody(UboDeclarationWire, uboDeclarationView)),
      ),

    createHook: (input, idempotencyKey) =>
      pipe(
        send({
          method: 'POST',
          path: '/hooks',
          body: { EventType: input.eventType, Url: input.url, ...tagged(input.tag) },
          idempotencyKey,
          subject: { resource: 'hook', id: '(new)' },
        }),
        TE.chainEitherK(decodeBody(HookWire, hookView)),
      ),

    listHooks: (paging = {}) =>
      pipe(
        argument(decodeWith(Paging)(paging)),
        TE.chain((valid) => send({ method: 'GET', path: '/hooks', query: pagingParams(valid), subject: { resource: 'hook', id: '(list)' } })),
        TE.chainEitherK(decodeList(HookWire, hookView)),
      ),

    updateHook: (input) =>
      pipe(
        argument(segment('hook', input.hookId)),
        TE.chain((id) =>
          send({
            method: 'PUT',
            path: `/hooks/${id}`,
            body: {
              ...(input.url === undefined ? {} : { Url: input.url }),
              ...(input.status === undefined ? {} : { Status: input.status }),
              ...tagged(input.tag),
            },
            subject: { resource: 'hook', id: input.hookId },
          }),
        ),
        TE.chainEitherK(decodeBody(HookWire, hookView)),
      ),
  };
};
