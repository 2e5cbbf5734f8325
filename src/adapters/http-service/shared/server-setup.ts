import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { apiKeyIdentifier, routeLabelOf } from '../../shared/http/index.js';
import { answerWithinBudget, lateAnswerLogged } from './answer-budget.js';
import { JsonBodyRefused, parseBoundedJson } from './bounded-json-parser.js';
import { DEFAULT_HTTP_TIMEOUTS, IDLE_MARGIN_MS, type HttpServerSettings } from './http-server-settings.js';
import { rememberKeyOf } from './request-key.js';
import { guardRoutesByRole } from './route-access-guard.js';
import { answerServerErrors, frameworkErrors, MAX_PATH_PARAMETER_LENGTH } from './server-errors.js';

/** A base64 page is at most 10 MB (seed 002); the JSON around it is small. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/**
 * A request line names the method and the route's pattern (`/users/:userId/kyc/documents`), never the path,
 * the query string or the webhook's secret segment as sent: whatever a client puts there (a name, an e-mail,
 * a key pasted in the wrong place) stays out of the logs. Headers and bodies are never logged.
 */
const requestLineOf = (webhookPath: string | undefined) => (request: FastifyRequest) => ({
  method: request.method,
  route: routeLabelOf(request, webhookPath),
  remoteAddress: request.ip,
});

/**
 * The server every route is mounted on, with no route yet: its limits against slow and large clients, its logs
 * (a request's key by id, never a path or a key), its JSON parser, who may call what (ROUTE_ROLES), its error
 * answers and every request's time budget.
 */
export const createHttpServer = (settings: HttpServerSettings): FastifyInstance => {
  const given = { ...DEFAULT_HTTP_TIMEOUTS, ...settings.timeouts };
  // A socket quiet because its request is being worked on must outlast the request's budget: it gets its 504, not a cut.
  const timeouts = { ...given, idle: Math.max(given.idle, given.answer + IDLE_MARGIN_MS) };
  const identify = apiKeyIdentifier(settings.apiKeys);
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    // Every line a request logs names the key it presented by its id (never the key), once it is a valid one.
    childLoggerFactory: (logger, bindings, options, raw) => {
      const identity = identify((raw as IncomingMessage).headers.authorization);
      rememberKeyOf(raw as IncomingMessage, identity);
      return logger.child(identity === undefined ? bindings : { ...bindings, keyId: identity.keyId }, options);
    },
    logger: {
      level: settings.logLevel,
      serializers: { req: requestLineOf(settings.webhookPath) },
      redact: { paths: ['req.headers.authorization', 'req.headers["idempotency-key"]', 'req.headers.cookie'], censor: '[redacted]' },
      hooks: { logMethod: lateAnswerLogged },
      ...(settings.logStream === undefined ? {} : { stream: settings.logStream }),
    },
    // Every id of this API fits (a stream name: `KycDocument-` and a 255-character id); fastify's default, 100, did not.
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    frameworkErrors,
    // Node checks headersTimeout and requestTimeout only this often (30 s unless told): without it a slow client kept its socket for 30 s, not 10.
    http: { connectionsCheckingInterval: timeouts.checkEvery },
    // Only the configured proxies' X-Forwarded-For is read (request.ip); from anyone else it is a header like any other.
    trustProxy: settings.trustProxy === undefined || settings.trustProxy.length === 0 ? false : [...settings.trustProxy],
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

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseBoundedJson(body as Buffer));
    } catch (error) {
      done(error as JsonBodyRefused, undefined);
    }
  });

  guardRoutesByRole(app, identify);
  answerServerErrors(app);
  return app;
};
