import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/adapters/clock/index.js';
import { createPostgresWebhookInbox } from '../../src/adapters/postgres/webhook-inbox/index.js';
import { processInbox } from '../../src/application/webhooks/index.js';
import { pause } from '../../src/testing/event-store-conformance/conformance-helpers.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { coreWith } from './support/core-with.js';
import { hook, ok } from './support/describe-webhook-inbox-behaviour.js';
import { identityProof, naturalOwner } from './support/mangopay-views.js';
import { scriptedMangopay } from './support/scripted-mangopay.js';

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'support', 'slow-inbox-processor-child.ts');
const LEASE_MS = 3_000;
const RENEW_EVERY_MS = 500;

const postgres = await postgresForTests('inbox-dead-processor');

/** Starts the slow processor and resolves once it is working on an entry (it has asked Mangopay). */
const startSlowProcessor = (schema: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, postgres.connectionString, schema, String(LEASE_MS), String(RENEW_EVERY_MS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('working')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`slow processor exited (${code ?? signal}): ${stderr}`)));
  });

postgres.describe('PostgreSQL webhook inbox: processors in two processes', () => {
  const pool = new pg.Pool({ connectionString: postgres.connectionString, max: 3 });
  pool.on('error', () => undefined);
  afterAll(() => pool.end());

  it('does not take an entry from a live slow processor, and takes it within one short lease once that processor is SIGKILLed', async () => {
    const schema = await postgres.newSchema();
    const opened = await createPostgresWebhookInbox({ pool, schema })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const inbox = opened.right;
    const recorded = await ok(inbox.record(hook('KYC_SUCCEEDED', 'kyc_1', 1), { status: 'pending', receivedAt: systemClock.now() }));
    const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;

    // The second processor, in this process: its Mangopay answers at once.
    const mangopay = scriptedMangopay();
    mangopay.users.set('user_1', naturalOwner('user_1'));
    mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    const core = coreWith(mangopay.api, systemClock);
    const round = () => ok(processInbox({ core, inbox, clock: systemClock, policy: { leaseMs: LEASE_MS, renewEveryMs: RENEW_EVERY_MS } }));

    const slow = await startSlowProcessor(schema);
    const exited = new Promise((resolve) => slow.on('exit', resolve));
    try {
      const firstLeaseEnd = (await ok(inbox.get(sequence)))?.nextAttemptAt ?? Number.NaN;
      // Rounds of the second processor until well past the first lease: the slow one renews its claim meanwhile.
      while (Date.now() <= firstLeaseEnd + 2 * RENEW_EVERY_MS) {
        expect(await round()).toMatchObject({ claimed: 0 });
        await pause(100);
      }
      const renewed = await ok(inbox.get(sequence));
      expect(renewed).toMatchObject({ status: 'pending', attempts: 1 });
      expect(renewed?.nextAttemptAt).toBeGreaterThan(firstLeaseEnd);
      expect(mangopay.calls.viewKycDocument).toEqual([]);
    } finally {
      slow.kill('SIGKILL');
      await exited;
    }

    const killedAt = Date.now();
    // Its claim ends within one short lease of its death.
    expect(((await ok(inbox.get(sequence)))?.nextAttemptAt ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThanOrEqual(LEASE_MS);
    await vi.waitFor(
      async () => {
        await round();
        expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'processed', attempts: 2, outcome: { recordedEvents: 5 } });
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(mangopay.calls.viewKycDocument).toEqual(['kyc_1']);
  });
});
