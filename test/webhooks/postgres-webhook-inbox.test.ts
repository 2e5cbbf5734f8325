import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPostgresWebhookInbox } from '../../src/adapters/postgres/webhook-inbox/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { describeWebhookInboxBehaviour } from './support/describe-webhook-inbox-behaviour.js';

const postgres = await postgresForTests('webhook-inbox');

postgres.describe('PostgreSQL webhook inbox', () => {
  const pool = new pg.Pool({ connectionString: postgres.connectionString, max: 6 });
  pool.on('error', () => undefined);
  afterAll(() => pool.end());

  describeWebhookInboxBehaviour('PostgreSQL', async () => {
    const inbox = await createPostgresWebhookInbox({ pool, schema: await postgres.newSchema() })();
    if (E.isLeft(inbox)) throw new Error(inbox.left.message);
    return { inbox: inbox.right, close: async () => undefined };
  });
});
