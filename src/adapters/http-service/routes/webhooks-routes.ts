import { METHODS } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WebhookMount } from '../shared/routes-dependencies.js';
import { NotificationsRateLimited } from '../shared/server-errors.js';

/** Every method a hook may be sent with: a hook is a GET, and any other is answered 405 by the endpoint. */
const HOOK_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Any other path under /webhooks/ (a wrong or missing secret segment): told so, never asked for a key Mangopay does not send. */
const notAHookPath = async (_request: unknown, reply: FastifyReply) =>
  reply.code(404).send({ type: 'ROUTE_NOT_FOUND', message: 'No hook endpoint at this path: hooks are taken at the configured webhook path only (see KYC_WEBHOOK_SECRET)' });

/**
 * Mangopay's hooks, open (Mangopay sends no credential) and rate-limited per source address, at the configured
 * path; and the 404 of every other path under /webhooks/ (ROUTE_ROLES declares both public).
 */
export const registerWebhooksRoutes = (app: FastifyInstance, webhook: WebhookMount): void => {
  // Every method node reads (CONNECT aside: node answers it itself) is routed, so a hook sent with any is answered
  // the 404 below; added without a body, fastify reads none for them, as it did not before they were added.
  for (const method of METHODS) if (method !== 'CONNECT' && !app.supportedMethods.includes(method)) app.addHttpMethod(method);
  app.route({
    method: app.supportedMethods,
    url: '/webhooks/*',
    config: { routeKey: 'GET /webhooks/*' },
    // Answered before fastify reads a body, as the unknown path it is.
    onRequest: notAHookPath,
    handler: notAHookPath,
  });
  // In a plugin of its own, so the rate limiter is loaded before the route it guards.
  void app.register(async (hooks) => {
    await hooks.register(rateLimit, {
      global: false,
      keyGenerator: (request) => request.ip,
      // What the builder returns is thrown, and answered by the server's error handler.
      errorResponseBuilder: () => new NotificationsRateLimited(),
    });
    hooks.route({
      method: HOOK_METHODS,
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
};
