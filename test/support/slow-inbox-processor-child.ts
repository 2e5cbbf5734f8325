/**
 * Run as a child process by the PostgreSQL inbox lease test: one processor on the inbox in <schema>, with the
 * system clock and a short lease, whose Mangopay never answers. It prints `working <sequence>` once it holds an
 * entry and has asked Mangopay about it, then works on it (renewing its claim) until it is killed.
 *   node --import tsx slow-inbox-processor-child.ts <connection string> <schema> <leaseMs> <renewEveryMs>
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { systemClock } from '../../src/adapters/clock/index.js';
import { createPostgresWebhookInbox } from '../../src/adapters/postgres/webhook-inbox/index.js';
import { processInbox } from '../../src/application/webhooks/index.js';
import { coreWith } from '../webhooks/support/core-with.js';
import { scriptedMangopay } from '../webhooks/support/scripted-mangopay.js';

const [connectionString, schema, leaseMs, renewEveryMs] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString, max: 2 });
pool.on('error', () => undefined);
const inbox = await createPostgresWebhookInbox({ pool, schema: schema as string })();
if (E.isLeft(inbox)) {
  process.stderr.write(`${inbox.left.message}\n`);
  process.exit(2);
}
// Alive until killed, whatever the pool does with its idle connections.
setInterval(() => undefined, 60_000);
const mangopay = scriptedMangopay();
const core = coreWith(
  {
    ...mangopay.api,
    viewKycDocument: (id) => () => {
      process.stdout.write(`working ${id}\n`);
      return new Promise(() => undefined);
    },
  },
  systemClock,
);
await processInbox({ core, inbox: inbox.right, clock: systemClock, policy: { leaseMs: Number(leaseMs), renewEveryMs: Number(renewEveryMs) } })();
