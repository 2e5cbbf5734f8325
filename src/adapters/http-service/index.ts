export { createHttpServer, MAX_BODY_BYTES } from './shared/server-setup.js';
export { registerPlatformRoutes, registerWebhooksRoutes } from './routes/index.js';
export { apiKeyOfRequest } from './shared/request-key.js';
export { ROUTE_ROLES, routeAccessOf, routeKeyOf, type RouteAccess } from './shared/route-roles.js';
export { DEFAULT_HTTP_TIMEOUTS, type HttpServerSettings, type HttpTimeouts } from './shared/http-server-settings.js';
export type { MountedHandler, PlatformRoutesDependencies, Readiness, WebhookMount } from './shared/routes-dependencies.js';
export { openApiDocument } from './openapi/openapi-document.js';
export { logRefusals } from './shared/refusal-logging.js';
