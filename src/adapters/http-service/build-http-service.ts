import rateLimit from '@fastify/rate-limit';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { isStarted } from '../../domain/idv-session/index.js';
import { isCreated } from '../../domain/kyc-document/index.js';
import { CommandId } from '../../domain/shared/bounded-string.js';
import { decodeWith } from '../../domain/shared/invalid-input.js';
import { loadAggregate } from '../../application/command-handling/load-aggregate.js';
import {
  addKycPage,
  createKycDocument,
  startIdvSession,
  submitKycDocument,
  StartIdvSessionRequest,
} from '../../application/platform-commands/index.js';
import { renderTimeline, type PersonalDataView } from '../../application/audit/index.js';
import { apiKeyIdentifier, type ApiKeyIdentity } from './api-key-authentication.js';
import { PERSONAL_DATA_VIEW_OF_ROLE } from './api-key-roles.js';
import { registerAuditorsConsole } from '../auditors-console/index.js';
import { answerWithinBudget, lateAnswerLogged } from './answer-budget.js';
import { JsonBodyRefused, parseBoundedJson } from './bounded-json-parser.js';
import { DEFAULT_HTTP_TIMEOUTS, IDLE_MARGIN_MS, type HttpServiceDependencies } from './http-service-dependencies.js';
import { httpAnswerFor } from './http-error.js';
import { openApiDocument } from './openapi-document.js';
import { routeAccessOf, routeKeyOf, type RouteAccess } from './route-roles.js';
import {
  AllDocumentsQuery,
  AuditQuery,
  CreateIdvSessionBody,
  CreateKycDocumentBody,
  CreateKycPageBody,
  DocumentIdParam,
  NoQuery,
  SessionIdParam,
  SessionsQuery,
  StreamParam,
  SubmitKycDocumentBody,
  UserDocumentParams,
  UserDocumentsQuery,
  UserIdParam,
} from './request-codecs.js';
import { documentSummaryJson, idvSessionJson, kycDocumentJson, sessionSummaryJson, userKycJson } from './resource-json.js';

/** The longest path parameter the router takes; longer segments are answered 414 PATH_SEGMENT_TOO_LONG. */
export const MAX_PATH_PARAMETER_LENGTH = 300;

/** A base64 page is at most 10 MB (seed 002); the JSON around it is small. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/** Why a JSON body was refused, in words (never its content). */
const JSON_REFUSAL_MESSAGES: Readonly<Record<JsonBodyRefused['code'], string>> = {
  JSON_NOT_UTF8: 'The request body is not UTF-8',
  JSON_TOO_DEEP: 'The request body nests deeper than any request of this API',
  JSON_INVALID: 'The request body is not valid JSON',
  JSON_PROTOTYPE_KEY: 'The request body has a __proto__ or constructor.prototype key',
  JSON_DUPLICATE_KEY: 'The request body has an object with the same key twice: send each field once',
};

/** A source past its budget of notifications per minute (the rate limiter throws it; answered 429 RATE_LIMITED). */
class NotificationsRateLimited extends Error {
  readonly statusCode = 429;
  constructor() {
    super('RATE_LIMITED');
  }
}

type Failure = { readonly type: string; readonly message: string; readonly faults?: unknown };

/** What the log says of a server-side failure: its type and, for a damaged stream, where to repair it. Never a value. */
const serverFaultOf = (error: Failure): Readonly<Record<string, unknown>> => {
  const { streamName, streamVersion } = error as { readonly streamName?: unknown; readonly streamVersion?: unknown };
  return {
    type: error.type,
    ...(typeof streamName === 'string' ? { streamName } : {}),
    ...(Number.isSafeInteger(streamVersion) ? { streamVersion } : {}),
  };
};

const fail = (reply: FastifyReply, error: Failure) => {
  const answer = httpAnswerFor(error);
  if (answer.alertsOperator === true) reply.log.error(serverFaultOf(error), 'request failed');
  if (answer.headers !== undefined) void reply.headers(answer.headers);
  return reply.code(answer.status).send(answer.body);
};

/** Decodes one part of a request, or answers 400 naming the faults. */
const decoded = <A>(reply: FastifyReply, codec: t.Type<A, unknown, unknown>, subject: string, value: unknown): A | undefined => {
  const result = decodeWith(codec, subject)(value ?? {});
  if (E.isRight(result)) return result.right;
  void fail(reply, result.left);
  return undefined;
};

/** The command id: the platform's Idempotency-Key when it sends one (retries are then safe), else a fresh id. */
const commandIdOf = (request: FastifyRequest, reply: FastifyReply, fresh: () => string): CommandId | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return fresh() as CommandId;
  return decoded(reply, CommandId, 'Idempotency-Key header', Array.isArray(header) ? header[0] : header);
};

/** What the service keeps in a route's config: who may call it (from ROUTE_ROLES), and the table key it was found under. */
interface RouteConfig {
  readonly routeKey?: string;
  readonly access?: RouteAccess;
}

/** The key a request was authenticated with; undefined on public routes and for requests refused 401. */
const authenticated = new WeakMap<IncomingMessage, ApiKeyIdentity | undefined>();

/**
 * The id and role of the API key a request to this service presented, as the service established it (the
 * same constant-time comparison over every valid key); undefined when it presented none that is valid.
 */
export const apiKeyOfRequest = (request: FastifyRequest): ApiKeyIdentity | undefined => authenticated.get(request.raw);

/** How the request's key may see personal data (routes behind a key only; a public route shows none). */
const personalDataViewOf = (request: FastifyRequest): PersonalDataView => {
  const identity = apiKeyOfRequest(request);
  return identity === undefined ? 'masked' : PERSONAL_DATA_VIEW_OF_ROLE[identity.role];
};

const roleList = (roles: ReadonlyArray<string>): string => (roles.length === 1 ? `the role ${roles[0]}` : `one of the roles ${roles.join(', ')}`);

const paged = (reply: FastifyReply, page: { readonly totalItems: number; readonly totalPages: number }) =>
  reply.headers({ 'x-number-of-items': String(page.totalItems), 'x-number-of-pages': String(page.totalPages) });

/**
 * The platform's REST API, named after Mangopay's resources. Commands go through the use cases (Mangopay
 * first, then the event log); single resources are folded from their stream; lists come from the read model.
 */
export const buildHttpService = (deps: HttpServiceDependencies): FastifyInstance => {
  const given = { ...DEFAULT_HTTP_TIMEOUTS, ...deps.timeouts };
  // A socket quiet because its request is being worked on must outlast the request's budget: it gets its 504, not a cut.
  const timeouts = { ...given, idle: Math.max(given.idle, given.answer + IDLE_MARGIN_MS) };
  /**
   * A request line names the method and the route's pattern (`/users/:userId/kyc/documents`), never the path,
   * the query string or the webhook's secret segment as sent: whatever a client puts there (a name, an e-mail,
   * a key pasted in the wrong place) stays out of the logs. Headers and bodies are never logged.
   */
  const requestLine = (request: FastifyRequest) => {
    let route: string | undefined;
    try {
      route = request.routeOptions.url;
    } catch {
      route = undefined; // a URL fastify could not route has no route options
    }
    return {
      method: request.method,
      route: route === undefined ? '(no route)' : route === deps.webhook?.path ? '(Mangopay webhook)' : route,
      remoteAddress: request.ip,
    };
  };
  const identify = apiKeyIdentifier(deps.apiKeys);
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    // Every line a request logs names the key it presented by its id (never the key), once it is a valid one.
    childLoggerFactory: (logger, bindings, options, raw) => {
      const identity = identify((raw as IncomingMessage).headers.authorization);
      authenticated.set(raw as IncomingMessage, identity);
      return logger.child(identity === undefined ? bindings : { ...bindings, keyId: identity.keyId }, options);
    },
    logger: {
      level: deps.logLevel,
      serializers: { req: requestLine },
      redact: { paths: ['req.headers.authorization', 'req.headers["idempotency-key"]', 'req.headers.cookie'], censor: '[redacted]' },
      hooks: { logMethod: lateAnswerLogged },
      ...(deps.logStream === undefined ? {} : { stream: deps.logStream }),
    },
    // Every id of this API fits (a stream name: `KycDocument-` and a 255-character id); fastify's default, 100, did not.
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    // A path fastify cannot route: the service's error shape, never fastify's, which echoes the whole path.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply.code(tooLong ? 414 : 400).send({
        type: tooLong ? 'PATH_SEGMENT_TOO_LONG' : 'INVALID_URL',
        message: tooLong ? `A path segment is longer than any id (${MAX_PATH_PARAMETER_LENGTH} characters)` : 'The request path is not a valid URL (bad percent-encoding)',
      });
    },
    // Node checks headersTimeout and requestTimeout only this often (30 s unless told): without it a slow client kept its socket for 30 s, not 10.
    http: { connectionsCheckingInterval: timeouts.checkEvery },
    // Only the configured proxies' X-Forwarded-For is read (request.ip); from anyone else it is a header like any other.
    trustProxy: deps.trustProxy === undefined || deps.trustProxy.length === 0 ? false : [...deps.trustProxy],
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Slow clients: headers must arrive within 10 s and the whole request within 30 s; an idle connection is closed
    // after 25 s (always past the 20 s answer budget, so a request being worked on is answered first).
    requestTimeout: timeouts.request,
    connectionTimeout: timeouts.idle,
    keepAliveTimeout: timeouts.keepAlive,
  });
  app.server.headersTimeout = timeouts.headers;
  answerWithinBudget(app, timeouts.answer, 1);
  const { core } = deps;

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseBoundedJson(body as Buffer));
    } catch (error) {
      done(error as JsonBodyRefused, undefined);
    }
  });

  // Who may call each route is ROUTE_ROLES's: a route it does not list is never served (the build stops here).
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as RouteConfig;
    const keys = config.routeKey !== undefined ? [config.routeKey] : [route.method].flat().map((method) => routeKeyOf(method, route.url));
    const accesses = keys.map(routeAccessOf);
    const access = accesses[0];
    if (access === undefined || accesses.some((other) => other !== access)) {
      throw new Error(`The route ${keys.join(', ')} has no single entry in ROUTE_ROLES: declare who may call it there`);
    }
    route.config = { ...config, access } as typeof route.config;
  });

  // Every route but /health, /ready and Mangopay's hooks needs an API key of a role its entry allows; without one nothing is read or written.
  app.addHook('onRequest', async (request, reply) => {
    const { access } = request.routeOptions.config as RouteConfig;
    if (access === 'public') return;
    // Mangopay sends no key: a hook at a path no route serves (a wrong or missing secret segment) is told so, not asked for a key.
    if (access === undefined && request.url.startsWith('/webhooks/')) {
      return reply.code(404).send({ type: 'ROUTE_NOT_FOUND', message: 'No hook endpoint at this path: hooks are taken at the configured webhook path only (see KYC_WEBHOOK_SECRET)' });
    }
    // Established once per request, where its logger is made; should fastify make none, here.
    if (!authenticated.has(request.raw)) authenticated.set(request.raw, identify(request.headers.authorization));
    const identity = apiKeyOfRequest(request);
    if (identity === undefined) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ type: 'UNAUTHENTICATED', message: 'This route needs a valid API key: Authorization: Bearer <key>' });
    }
    // A path no route serves (access undefined) takes any valid key, and answers 404.
    if (access === undefined || access.includes(identity.role)) return;
    return reply.code(403).send({
      type: 'ROLE_REQUIRED',
      message: `This route needs an API key with ${roleList(access)}; this key's role is ${identity.role}`,
      requiredRoles: access,
    });
  });

  // Malformed JSON, bodies over the limit, wrong content types: typed 4xx, never a stack trace.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof NotificationsRateLimited) {
      return reply.code(429).send({ type: 'RATE_LIMITED', message: 'Too many notifications from this address; retry later (nothing already accepted is lost)' });
    }
    if (error instanceof JsonBodyRefused) {
      return reply.code(400).send({ type: error.code, message: JSON_REFUSAL_MESSAGES[error.code] });
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) reply.log.error({ code: error.code }, 'unexpected failure');
    return reply.code(status).send({
      type: status === 500 ? 'INTERNAL_ERROR' : status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_REQUEST',
      message: status === 413 ? 'The request body is too large' : status === 500 ? 'Unexpected failure' : `The request cannot be read (${error.code ?? 'bad request'})`,
    });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ type: 'ROUTE_NOT_FOUND', message: 'No such route' }));

  // Open routes say nothing of the inside (no internal URL, no version): /health only that the process answers.
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const readiness = await deps.ready();
    if (readiness.ready) return { status: 'ready' };
    const { reason, hooksHeldElsewhere } = readiness;
    return reply.code(503).send({ status: 'not ready', reason, ...(hooksHeldElsewhere === undefined ? {} : { hooksHeldElsewhere }) });
  });
  app.get('/openapi.json', async () => openApiDocument);
  app.get('/simulator', async (_request, reply) =>
    deps.simulator === undefined
      ? fail(reply, { type: 'SIMULATOR_NOT_RUNNING', message: 'This service talks to the real Mangopay: there is no simulator to drive' })
      : reply.send({ url: deps.simulator.url, clientId: deps.simulator.clientId, apiKey: deps.simulator.apiKey }),
  );

  app.post('/users/:userId/kyc/documents', async (request, reply) => {
    const params = decoded(reply, UserIdParam, 'path', request.params);
    const body = params && decoded(reply, NoQuery, 'query', request.query) && decoded(reply, CreateKycDocumentBody, 'body', request.body);
    const commandId = body && commandIdOf(request, reply, deps.newCommandId);
    if (params === undefined || body === undefined || commandId === undefined) return reply;
    const result = await createKycDocument(core)({
      commandId,
      userId: params.userId,
      documentType: body.Type,
      ...(body.Tag === undefined ? {} : { tag: body.Tag }),
    })();
    if (E.isLeft(result)) return fail(reply, result.left);
    const state = result.right.state;
    return isCreated(state) ? reply.code(result.right.replayed ? 200 : 201).send(kycDocumentJson(state, personalDataViewOf(request))) : reply;
  });

  app.post('/users/:userId/kyc/documents/:documentId/pages', async (request, reply) => {
    const params = decoded(reply, UserDocumentParams, 'path', request.params);
    const body = params && decoded(reply, NoQuery, 'query', request.query) && decoded(reply, CreateKycPageBody, 'body', request.body);
    const commandId = body && commandIdOf(request, reply, deps.newCommandId);
    if (params === undefined || body === undefined || commandId === undefined) return reply;
    // The decider refuses another user's document (as not found), as Mangopay's paths do.
    const result = await addKycPage(core)({ commandId, userId: params.userId, documentId: params.documentId, file: body.File })();
    if (E.isLeft(result)) return fail(reply, result.left);
    const state = result.right.state;
    return isCreated(state) ? reply.code(result.right.replayed ? 200 : 201).send(kycDocumentJson(state, personalDataViewOf(request))) : reply;
  });

  app.put('/users/:userId/kyc/documents/:documentId', async (request, reply) => {
    const params = decoded(reply, UserDocumentParams, 'path', request.params);
    const body = params && decoded(reply, NoQuery, 'query', request.query) && decoded(reply, SubmitKycDocumentBody, 'body', request.body);
    const commandId = body && commandIdOf(request, reply, deps.newCommandId);
    if (params === undefined || body === undefined || commandId === undefined) return reply;
    const result = await submitKycDocument(core)({
      commandId,
      userId: params.userId,
      documentId: params.documentId,
      ...(body.Tag === undefined ? {} : { tag: body.Tag }),
    })();
    if (E.isLeft(result)) return fail(reply, result.left);
    const state = result.right.state;
    return isCreated(state) ? reply.send(kycDocumentJson(state, personalDataViewOf(request))) : reply;
  });

  app.get('/kyc/documents/:documentId', async (request, reply) => {
    const params = decoded(reply, DocumentIdParam, 'path', request.params);
    if (params === undefined || decoded(reply, NoQuery, 'query', request.query) === undefined) return reply;
    const loaded = await loadAggregate(core)(core.documents, params.documentId)();
    if (E.isLeft(loaded)) return fail(reply, loaded.left);
    const state = loaded.right.state;
    return isCreated(state) ? reply.send(kycDocumentJson(state, personalDataViewOf(request))) : fail(reply, { type: 'KYC_DOCUMENT_NOT_FOUND', message: 'No KYC document exists with this id' });
  });

  app.get('/users/:userId/kyc/documents', async (request, reply) => {
    const params = decoded(reply, UserIdParam, 'path', request.params);
    const query = params && decoded(reply, UserDocumentsQuery, 'query', request.query);
    if (params === undefined || query === undefined) return reply;
    return listDocuments(reply, { ...query, userId: params.userId });
  });

  app.get('/kyc/documents', async (request, reply) => {
    const query = decoded(reply, AllDocumentsQuery, 'query', request.query);
    if (query === undefined) return reply;
    return listDocuments(reply, query);
  });

  app.post('/users/:userId/identity-verifications', async (request, reply) => {
    const params = decoded(reply, UserIdParam, 'path', request.params);
    const body = params && decoded(reply, NoQuery, 'query', request.query) && decoded(reply, CreateIdvSessionBody, 'body', request.body);
    const commandId = body && commandIdOf(request, reply, deps.newCommandId);
    if (params === undefined || body === undefined || commandId === undefined) return reply;
    const input = decoded(reply, StartIdvSessionRequest, 'body', {
      commandId,
      userId: params.userId,
      returnUrl: body.ReturnUrl,
      ...(body.Tag === undefined ? {} : { tag: body.Tag }),
    });
    if (input === undefined) return reply;
    const result = await startIdvSession(core)(input)();
    if (E.isLeft(result)) return fail(reply, result.left);
    const state = result.right.state;
    return isStarted(state) ? reply.code(result.right.replayed ? 200 : 201).send(idvSessionJson(state, personalDataViewOf(request))) : reply;
  });

  app.get('/identity-verifications/:sessionId', async (request, reply) => {
    const params = decoded(reply, SessionIdParam, 'path', request.params);
    if (params === undefined || decoded(reply, NoQuery, 'query', request.query) === undefined) return reply;
    const loaded = await loadAggregate(core)(core.sessions, params.sessionId)();
    if (E.isLeft(loaded)) return fail(reply, loaded.left);
    const state = loaded.right.state;
    return isStarted(state) ? reply.send(idvSessionJson(state, personalDataViewOf(request))) : fail(reply, { type: 'IDV_SESSION_NOT_FOUND', message: 'No IDV session exists with this id' });
  });

  app.get('/users/:userId/identity-verifications', async (request, reply) => {
    const params = decoded(reply, UserIdParam, 'path', request.params);
    const query = params && decoded(reply, SessionsQuery, 'query', request.query);
    if (params === undefined || query === undefined) return reply;
    const caughtUp = await deps.readModelCaughtUp();
    if (E.isLeft(caughtUp)) return fail(reply, caughtUp.left);
    const page = await deps.readModel.listUserSessions(params.userId, {
      page: query.Page ?? 1,
      perPage: query.Per_Page ?? 10,
      sort: query.Sort ?? 'CreationDate:DESC',
    })();
    if (E.isLeft(page)) return fail(reply, page.left);
    return paged(reply, page.right).send(page.right.items.map(sessionSummaryJson));
  });

  app.get('/users/:userId/kyc', async (request, reply) => {
    const params = decoded(reply, UserIdParam, 'path', request.params);
    if (params === undefined || decoded(reply, NoQuery, 'query', request.query) === undefined) return reply;
    const caughtUp = await deps.readModelCaughtUp();
    if (E.isLeft(caughtUp)) return fail(reply, caughtUp.left);
    const user = await deps.readModel.userKyc(params.userId)();
    if (E.isLeft(user)) return fail(reply, user.left);
    return user.right === undefined ? fail(reply, { type: 'USER_NOT_FOUND', message: 'This user has not been seen yet' }) : reply.send(userKycJson(user.right));
  });

  app.get('/audit/:stream', async (request, reply) => {
    const params = decoded(reply, StreamParam, 'path', request.params);
    const query = params && decoded(reply, AuditQuery, 'query', request.query);
    if (params === undefined || query === undefined) return reply;
    const timeline = await deps.timeline(params.stream, personalDataViewOf(request))();
    if (E.isLeft(timeline)) return fail(reply, timeline.left);
    if (timeline.right.entries.length === 0) return fail(reply, { type: 'STREAM_NOT_FOUND', message: 'No events in this stream' });
    return query.format === 'text' ? reply.type('text/plain; charset=utf-8').send(`${renderTimeline(timeline.right)}\n`) : reply.send(timeline.right);
  });

  if (deps.webhook !== undefined) {
    const webhook = deps.webhook;
    // In a plugin of its own, so the rate limiter is loaded before the route it guards.
    void app.register(async (hooks) => {
      await hooks.register(rateLimit, {
        global: false,
        keyGenerator: (request) => request.ip,
        // What the builder returns is thrown, and answered by the error handler below.
        errorResponseBuilder: () => new NotificationsRateLimited(),
      });
      hooks.route({
        method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
        url: webhook.path,
        config: { routeKey: 'GET /webhooks/mangopay', rateLimit: { max: webhook.maxPerMinutePerSource, timeWindow: 60_000 } },
        // A hook is a GET, with no body. Any other method is answered (405) here, before fastify reads and
        // parses what it announced, and the connection is closed rather than drained: a client that keeps
        // sending cannot hold it. (Before the rate limiter's hook, so such requests spend no hook's budget.)
        onRequest: async (request, reply) => {
          if (request.method === 'GET') return;
          const answer = await webhook.handle({ method: request.method, url: request.url, remoteAddress: request.ip });
          return reply.code(answer.status).headers({ ...answer.headers, connection: 'close' }).send(answer.body);
        },
        handler: async (request, reply) => {
          const answer = await webhook.handle({ method: request.method, url: request.url, remoteAddress: request.ip });
          return reply.code(answer.status).headers(answer.headers).send(answer.body);
        },
      });
    });
  }

  if (deps.console !== undefined) registerAuditorsConsole(app, deps.console);

  const listDocuments = async (reply: FastifyReply, query: AllDocumentsQuery & { readonly userId?: string }) => {
    const caughtUp = await deps.readModelCaughtUp();
    if (E.isLeft(caughtUp)) return fail(reply, caughtUp.left);
    const page = await deps.readModel.listDocuments({
      ...(query.userId === undefined ? {} : { userId: query.userId }),
      page: query.Page ?? 1,
      perPage: query.Per_Page ?? 10,
      sort: query.Sort ?? 'CreationDate:DESC',
      ...(query.BeforeDate === undefined ? {} : { beforeDate: query.BeforeDate }),
      ...(query.AfterDate === undefined ? {} : { afterDate: query.AfterDate }),
      ...(query.Status === undefined ? {} : { statuses: query.Status }),
      ...(query.Type === undefined ? {} : { types: query.Type }),
    })();
    if (E.isLeft(page)) return fail(reply, page.left);
    return paged(reply, page.right).send(page.right.items.map(documentSummaryJson));
  };

  return app;
};
