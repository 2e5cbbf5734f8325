import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock/index.js';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import type { EventStore } from '../../src/application/ports/event-store.js';
import { addKycPage, createKycDocument, submitKycDocument, type KycCoreDependencies } from '../../src/application/platform-commands/index.js';
import { isCreated } from '../../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { pageFile } from '../support/page-files.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { userBody } from '../support/simulator-provider.js';
import { allEvents, coreWith } from '../webhooks/support/core-with.js';

/**
 * Issue 11: the database goes away after Mangopay accepted a submission and before it is recorded, so the platform
 * is answered 503. Mangopay refuses a second submission (its PUT takes no Idempotency-Key), so the retry with the
 * same key was answered 400 MANGOPAY_REQUEST_REFUSED for a command that had in fact been done. Here the append's
 * connection is cut for real: the events table is held in SHARE mode (reads pass, the insert waits) and the
 * waiting backend is terminated.
 */
const postgres = await postgresForTests('submit-after-lost-recording');

postgres.describe('a submission whose recording failed after Mangopay accepted it', () => {
  let simulator: MangopaySimulator;
  let store: EventStore;
  let core: KycCoreDependencies;
  let schema: string;
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'lost', apiKey: 'lost-key' });
    schema = await postgres.newSchema();
    const created = await createPostgresEventStore({ connectionString: postgres.connectionString, schema, poolSize: 2 })();
    if (E.isLeft(created)) throw new Error(created.left.message);
    store = created.right;
    core = coreWith(createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'lost', apiKey: 'lost-key' }), systemClock, store);
  });
  afterAll(async () => {
    await store?.close();
    await simulator?.close();
  });

  it('is recorded once by the retry with the same command id, not refused', async () => {
    const userId = (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;
    const created = await createKycDocument(core)({ commandId: 'create-1' as CommandId, userId, documentType: 'IDENTITY_PROOF' })();
    if (E.isLeft(created) || !isCreated(created.right.state)) throw new Error('the document was not created');
    const documentId = created.right.state.documentId;
    expect(E.isRight(await addKycPage(core)({ commandId: 'page-1' as CommandId, userId, documentId, file: pageFile('PDF', 40 * 1024) })())).toBe(true);

    const holder = new pg.Client({ connectionString: postgres.connectionString });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE "${schema}".events IN SHARE MODE`);
    const submit = () => submitKycDocument(core)({ commandId: 'submit-1' as CommandId, userId, documentId })();
    const first = submit();
    // Bounded polling: the append is about to wait on the lock, once Mangopay has taken the submission.
    let terminated = false;
    for (let round = 0; round < 400 && !terminated; round++) {
      const { rows } = await postgres.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT%' AND datname = current_database()`,
      );
      if (rows[0] !== undefined) terminated = (await postgres.query('SELECT pg_terminate_backend($1)', [rows[0].pid])).rowCount === 1;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(terminated).toBe(true);
    expect(await first).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
    await holder.query('ROLLBACK');
    await holder.end();

    const retried = await submit();
    expect(retried).toMatchObject({ _tag: 'Right', right: { state: { status: 'VALIDATION_ASKED' } } });
    // Sent once more, the same answer: nothing more is recorded.
    expect(await submit()).toMatchObject({ _tag: 'Right', right: { events: [], state: { status: 'VALIDATION_ASKED' } } });
    const recorded = (await allEvents(store)).filter((event) => event.streamName === `KycDocument-${documentId}`).map((event) => event.type);
    expect(recorded).toEqual(['KycDocumentCreated', 'KycPageAdded', 'KycDocumentSubmitted']);
  });

});
