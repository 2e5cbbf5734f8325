import type { FastifyInstance } from 'fastify';
import { fail } from '../shared/answers.js';
import { IgnoredQuery, route } from '../shared/route.js';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';

/** Where the in-process Mangopay simulator is, and this start's credentials for it (for `kyc demo --url`). */
export const registerSimulatorRoutes = (app: FastifyInstance, deps: Pick<PlatformRoutesDependencies, 'simulator'>): void => {
  route(app, {
    method: 'GET',
    url: '/simulator',
    query: IgnoredQuery,
    handler: async (_request, reply) =>
      deps.simulator === undefined
        ? fail(reply, { type: 'SIMULATOR_NOT_RUNNING', message: 'This service talks to the real Mangopay: there is no simulator to drive' })
        : reply.send({ url: deps.simulator.url, clientId: deps.simulator.clientId, apiKey: deps.simulator.apiKey }),
  });
};
