import type { FastifyInstance } from 'fastify';
import { IgnoredQuery, route } from '../shared/route.js';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';

/** The open probes. They say nothing of the inside (no internal URL, no version): /health only that the process answers. */
export const registerHealthRoutes = (app: FastifyInstance, deps: Pick<PlatformRoutesDependencies, 'ready'>): void => {
  route(app, { method: 'GET', url: '/health', query: IgnoredQuery, handler: async () => ({ status: 'ok' }) });

  route(app, {
    method: 'GET',
    url: '/ready',
    query: IgnoredQuery,
    handler: async (_request, reply) => {
      const readiness = await deps.ready();
      if (readiness.ready) return { status: 'ready' };
      const { reason, hooksHeldElsewhere } = readiness;
      return reply.code(503).send({ status: 'not ready', reason, ...(hooksHeldElsewhere === undefined ? {} : { hooksHeldElsewhere }) });
    },
  });
};
