export { createSqliteWebhookInbox, type SqliteWebhookInboxOptions } from './sqlite-webhook-inbox.js';
