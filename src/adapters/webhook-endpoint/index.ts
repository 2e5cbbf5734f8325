export { createWebhookEndpoint, type WebhookEndpoint, type WebhookEndpointOptions, type WebhookRequest } from './webhook-endpoint.js';
export type { WebhookResponse } from './webhook-response.js';
export { startWebhookHttpServer, webhookRequestListener, type WebhookHttpServer, type WebhookMountOptions } from './node-http-mount.js';
