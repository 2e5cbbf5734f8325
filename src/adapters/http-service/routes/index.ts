import type { FastifyInstance } from 'fastify';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerIdvSessionsRoutes } from './idv-sessions-routes.js';
import { registerKycDocumentsRoutes } from './kyc-documents-routes.js';
import { registerOpenApiRoutes } from './openapi-routes.js';
import { registerSimulatorRoutes } from './simulator-routes.js';
import { registerUsersRoutes } from './users-routes.js';

export { registerWebhooksRoutes } from './webhooks-routes.js';

/**
 * The platform's REST API, named after Mangopay's resources, one module a resource. Commands go through the use
 * cases (Mangopay first, then the event log); single resources are folded from their stream; lists come from the read model.
 */
export const registerPlatformRoutes = (app: FastifyInstance, deps: PlatformRoutesDependencies): void => {
  registerHealthRoutes(app, deps);
  registerOpenApiRoutes(app);
  registerSimulatorRoutes(app, deps);
  registerKycDocumentsRoutes(app, deps);
  registerIdvSessionsRoutes(app, deps);
  registerUsersRoutes(app, deps);
  registerAuditRoutes(app, deps);
};
