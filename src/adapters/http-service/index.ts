export { apiKeyOfRequest, buildHttpService, MAX_BODY_BYTES } from './build-http-service.js';
export { apiKeyIdentifier, apiKeyIdOf, type ApiKeyIdentity } from './api-key-authentication.js';
export { API_KEY_ROLES, isApiKeyRole, PERSONAL_DATA_VIEW_OF_ROLE, type ApiKeyGrant, type ApiKeyRole } from './api-key-roles.js';
export { ROUTE_ROLES, routeAccessOf, routeKeyOf, type RouteAccess } from './route-roles.js';
export { DEFAULT_HTTP_TIMEOUTS, type HttpServiceDependencies, type HttpTimeouts, type MountedHandler, type Readiness } from './http-service-dependencies.js';
export { openApiDocument } from './openapi-document.js';
export { logRefusals } from './refusal-logging.js';
