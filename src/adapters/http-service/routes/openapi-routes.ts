import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../openapi/openapi-document.js';
import { IgnoredQuery, route } from '../shared/route.js';

/** The API's description, as `npm run openapi` writes it to docs/openapi.json. */
export const registerOpenApiRoutes = (app: FastifyInstance): void => {
  route(app, { method: 'GET', url: '/openapi.json', query: IgnoredQuery, handler: async () => openApiDocument });
};
