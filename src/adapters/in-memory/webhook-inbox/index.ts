export { createInMemoryWebhookInbox } from './in-memory-webhook-inbox.js';
