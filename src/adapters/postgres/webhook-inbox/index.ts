export { createPostgresWebhookInbox, type PostgresWebhookInboxOptions } from './postgres-webhook-inbox.js';
