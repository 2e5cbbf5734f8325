import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_ROUTES } from './api-routes.js';
import { CONTROL_ROUTES, settleDocumentReply, settleSessionReply, settleUboDeclarationReply } from './control-api.js';
import type { DocumentOutcome } from './document-settlement.js';
import { createFaultInjection, type FaultPlan } from './fault-injection.js';
import { createHookDelivery, type HookDeliveryRecord } from './hook-delivery.js';
import { completeHostedSession, hostedPage } from './hosted-idv-page.js';
import { readBody } from './http-body.js';
import { createIdempotencyStore } from './idempotency-store.js';
import { createOAuthTokens, hasClientCredentials } from './oauth-tokens.js';
import { matchRoute } from './route-table.js';
import type { SessionOutcome } from './session-settlement.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { nowSeconds, settingsOf, type MangopaySimulatorOptions } from './simulator-options.js';
import { createRateLimits } from './rate-limits.js';
import { mangopayError, notFound, paramError, rateLimited, unauthorized, type Reply } from './simulator-reply.js';
import { createStore } from './simulator-store.js';
import type { UboDeclarationOutcome } from './ubo-declaration-settlement.js';
import { addUbo, createUboDeclaration, submitUboDeclaration } from './ubo-declarations-resource.js';
import { createLegalUser, createNaturalUser } from './users-resource.js';

/** An answer as the control functions give it: the HTTP status and the JSON body Mangopay would send. */
export interface SimulatorAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** What tests (and the CLI) can do to a running simulator without HTTP. */
export interface SimulatorControl {
  readonly createNaturalUser: (body: Readonly<Record<string, unknown>>) => SimulatorAnswer;
  readonly createLegalUser: (body: Readonly<Record<string, unknown>>) => SimulatorAnswer;
  readonly settleDocument: (documentId: string, outcome: DocumentOutcome) => SimulatorAnswer;
  readonly settleSession: (sessionId: string, outcome: SessionOutcome) => SimulatorAnswer;
  /** The platform's side of a UBO declaration, without HTTP: create it, add a UBO, submit it. */
  readonly createUboDeclaration: (userId: string) => SimulatorAnswer;
  readonly addUbo: (userId: string, declarationId: string, body: Readonly<Record<string, unknown>>) => SimulatorAnswer;
  readonly submitUboDeclaration: (userId: string, declarationId: string) => SimulatorAnswer;
  /** Mangopay's team deciding a submitted declaration. */
  readonly settleUboDeclaration: (declarationId: string, outcome: UboDeclarationOutcome) => SimulatorAnswer;
  readonly hookDeliveries: () => ReadonlyArray<Readonly<HookDeliveryRecord>>;
  /** Resolves once no hook delivery is pending. */
  readonly hookDeliveriesSettled: () => Promise<void>;
  readonly injectFaults: (plan: FaultPlan) => void;
}

export interface MangopaySimulator {
  /** e.g. http://127.0.0.1:41234 — what an SDK or the HTTP client takes as its base URL. */
  readonly baseUrl: string;
  readonly port: number;
  readonly control: SimulatorControl;
  /** Stops listening, drops connections and pending hook deliveries. */
  readonly close: () => Promise<void>;
}

/** A path segment decoded, or kept as sent when its percent-encoding is broken (it then matches nothing). */
const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const answerOf = (reply: Reply): SimulatorAnswer => ({ status: reply.status, body: reply.body });

const write = (response: ServerResponse, reply: Reply): void => {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.html !== undefined) {
    response.writeHead(reply.status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    response.end(reply.html);
  } else if (reply.body === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
  } else {
    response.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(reply.body));
  }
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  if (text.trim().length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/**
 * Starts a Mangopay simulator on 127.0.0.1: Mangopay's paths and shapes under /v2.01/{ClientId}/, the OAuth
 * token endpoint, Idempotency-Key blocking and API responses, rate limits, a hosted IDV page per session, hook
 * deliveries, and a control API under /_simulator/. Its rules are its own, from Mangopay's documentation (it
 * imports nothing from the core). All state is in memory, in this instance.
 */
export const startMangopaySimulator = async (options: MangopaySimulatorOptions): Promise<MangopaySimulator> => {
  const settings = settingsOf(options);
  const delivery = createHookDelivery(settings);
  let baseUrl = '';
  const context: SimulatorContext = { settings, store: createStore(), delivery, baseUrl: () => baseUrl };
  const tokens = createOAuthTokens(settings);
  const idempotency = createIdempotencyStore();
  const rateLimits = createRateLimits(settings.rateLimits);
  const faults = createFaultInjection(rateLimits);
  const apiPrefix = `/v2.01/${settings.clientId}/`.toLowerCase();

  const answer = async (request: IncomingMessage, path: string, query: URLSearchParams, method: string): Promise<Reply> => {
    const fault = faults.next(now(context));
    if (fault !== undefined) return fault;
    const relative = path.slice(apiPrefix.length);
    const response = /^responses\/([^/]+)$/i.exec(relative);
    if (response?.[1] !== undefined && method === 'GET') return idempotency.view(response[1], now(context));
    const route = matchRoute(API_ROUTES, method, relative);
    if (route.kind === 'not-found') return notFound('Route', path, now(context));
    if (route.kind === 'method-not-allowed') return mangopayError(405, 'method_not_allowed', `${method} is not allowed here.`, null, now(context));
    const key = request.headers['idempotency-key'];
    const usesKey = method === 'POST' && typeof key === 'string';
    const read = await readBody(request);
    // A reused key is blocked whatever the request is: Mangopay answers 409 to any reuse within 24 hours.
    const blocked = usesKey ? idempotency.refusal(key, now(context)) : undefined;
    if (blocked !== undefined) return blocked;
    const reply = (() => {
      if ('tooLarge' in read) return mangopayError(413, 'request_too_large', 'The request body is too large.', { body: 'The request body is too large.' }, now(context));
      const json = parseJson(read.text);
      if (!json.ok) return paramError({ body: 'The request body is not valid JSON.' }, now(context));
      return route.handler(context, { params: route.params, query, body: json.value });
    })();
    if (usesKey) idempotency.remember(key, `${baseUrl}${request.url ?? path}`, reply, now(context));
    return reply;
  };

  const api = async (request: IncomingMessage, path: string, query: URLSearchParams, method: string): Promise<Reply> => {
    if (!tokens.accepts(request.headers.authorization)) return unauthorized(now(context));
    // Every API answer carries the rate-limit headers ("Rate limiting"); past a limit, the answer is 429.
    const taken = rateLimits.take(now(context));
    if (taken.limited) return rateLimited(taken.headers, now(context));
    const reply = await answer(request, path, query, method);
    return { ...reply, headers: { ...taken.headers, ...reply.headers } };
  };

  const control = async (request: IncomingMessage, path: string, method: string): Promise<Reply> => {
    if (!hasClientCredentials(settings, request.headers.authorization)) return unauthorized(now(context));
    const route = matchRoute(CONTROL_ROUTES, method, path.slice('/_simulator/'.length));
    if (route.kind !== 'found') return notFound('Route', path, now(context));
    const read = await readBody(request);
    const json = 'tooLarge' in read ? { ok: false as const } : parseJson(read.text);
    if (!json.ok) return paramError({ body: 'The request body is not valid JSON.' }, now(context));
    return route.handler(context, faults, { params: route.params, body: json.value });
  };

  const route = async (request: IncomingMessage): Promise<Reply> => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const path = url.pathname.replace(/\/+$/, '');
    const lower = path.toLowerCase();
    const method = request.method ?? 'GET';
    // The hosted page is at /_hosted/idv/<session id>/<token>; without the session's token it is not found.
    const hosted = /^\/_hosted\/idv\/([^/]+)(?:\/([^/]+))?$/i.exec(path);
    if (hosted?.[1] !== undefined) {
      const sessionId = safeDecode(hosted[1]);
      const token = hosted[2] === undefined ? '' : safeDecode(hosted[2]);
      if (method === 'GET') return hostedPage(context, sessionId, token);
      const read = await readBody(request);
      return completeHostedSession(context, sessionId, token, new URLSearchParams('tooLarge' in read ? '' : read.text));
    }
    if (lower.startsWith('/_simulator/')) return control(request, path, method);
    if (method === 'POST' && (lower === '/v2.01/oauth/token' || lower === `${apiPrefix}oauth/token`)) {
      const read = await readBody(request);
      return tokens.issue(request.headers.authorization, 'tooLarge' in read ? '' : read.text);
    }
    if (lower.startsWith(apiPrefix)) return api(request, path, url.searchParams, method);
    if (/^\/v2\.01\/[^/]+\//i.test(path)) return unauthorized(now(context));
    return notFound('Route', path, now(context));
  };

  const server = createServer((request, response) => {
    route(request).then(
      (reply) => write(response, reply),
      // Never expected: every input has an answer above. Kept so a bug shows as Mangopay's 500, not a hang.
      () => write(response, mangopayError(500, 'internal_error', 'The simulator failed to answer.', null, nowSeconds(settings))),
    );
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    control: {
      createNaturalUser: (body) => answerOf(createNaturalUser(context, body)),
      createLegalUser: (body) => answerOf(createLegalUser(context, body)),
      settleDocument: (documentId, outcome) => answerOf(settleDocumentReply(context, documentId, outcome)),
      settleSession: (sessionId, outcome) => answerOf(settleSessionReply(context, sessionId, outcome)),
      createUboDeclaration: (userId) => answerOf(createUboDeclaration(context, userId)),
      addUbo: (userId, declarationId, body) => answerOf(addUbo(context, userId, declarationId, body)),
      submitUboDeclaration: (userId, declarationId) => answerOf(submitUboDeclaration(context, userId, declarationId, { Status: 'VALIDATION_ASKED' })),
      settleUboDeclaration: (declarationId, outcome) => answerOf(settleUboDeclarationReply(context, declarationId, outcome)),
      hookDeliveries: () => delivery.records(),
      hookDeliveriesSettled: () => delivery.settled(),
      injectFaults: (plan) => faults.inject(plan),
    },
    close: async () => {
      delivery.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
