import type { FastifyInstance } from 'fastify';
import { routeLabelOf } from '../shared/http/index.js';
import type { KycMetrics } from './kyc-metrics.js';

export const METRICS_PATH = '/metrics';

/**
 * Counts and times every answer by route pattern (`/users/:userId/kyc/documents`, never the URL as sent: ids
 * would make a series per user), and serves GET /metrics behind the service's API key (the onRequest check
 * covers every route not marked public). The webhook's route carries its secret, so it is named, not shown.
 */
export const registerHttpMetrics = (app: FastifyInstance, metrics: KycMetrics, options: { readonly webhookPath?: string } = {}): void => {
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: routeLabelOf(request, options.webhookPath), status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1_000);
  });
  app.get(METRICS_PATH, async (_request, reply) => reply.header('content-type', metrics.contentType).send(await metrics.render()));
};
