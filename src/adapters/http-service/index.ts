export { buildHttpService, MAX_BODY_BYTES } from './build-http-service.js';
export { DEFAULT_HTTP_TIMEOUTS, type HttpServiceDependencies, type HttpTimeouts, type MountedHandler, type Readiness } from './http-service-dependencies.js';
export { openApiDocument } from './openapi-document.js';
export { logRefusals } from './refusal-logging.js';
