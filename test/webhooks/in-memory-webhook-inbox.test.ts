import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import { describeWebhookInboxBehaviour } from './support/describe-webhook-inbox-behaviour.js';

describeWebhookInboxBehaviour('in-memory', async () => ({ inbox: createInMemoryWebhookInbox(), close: async () => undefined }));
