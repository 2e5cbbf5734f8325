export { createHttpServer, MAX_BODY_BYTES } from './server-setup.js';
export { registerPlatformRoutes, registerWebhooksRoutes } from './routes/index.js';
export { apiKeyOfRequest } from './request-key.js';
export { ROUTE_ROLES, routeAccessOf, routeKeyOf, type RouteAccess } from './route-roles.js';
export { DEFAULT_HTTP_TIMEOUTS, type HttpServerSettings, type HttpTimeouts } from './http-server-settings.js';
export type { MountedHandler, PlatformRoutesDependencies, Readiness, WebhookMount } from './routes-dependencies.js';
export { openApiDocument } from './openapi/openapi-document.js';
export { logRefusals } from './refusal-logging.js';
