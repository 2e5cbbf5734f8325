import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/adapters/clock/index.js';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { createSqliteWebhookInbox } from '../../src/adapters/sqlite/webhook-inbox/index.js';
import { createWebhookEndpoint, startWebhookHttpServer, type WebhookHttpServer } from '../../src/adapters/webhook-endpoint/index.js';
import type { Aggregate } from '../../src/application/command-handling/aggregate.js';
import { loadAggregate } from '../../src/application/command-handling/load-aggregate.js';
import { registerHooks } from '../../src/application/hook-registration/index.js';
import {
  addKycPage,
  createKycDocument,
  startIdvSession,
  submitKycDocument,
  type KycCoreDependencies,
} from '../../src/application/platform-commands/index.js';
import { idempotencyKeyFor, type AbsoluteUrl } from '../../src/application/ports/mangopay-api.js';
import type { WebhookInbox } from '../../src/application/ports/webhook-inbox.js';
import { receiveHook, startInboxProcessor, type InboxProcessor } from '../../src/application/webhooks/index.js';
import type { CommandId, MangopayId, RefusedReasonMessage } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { pageFile } from '../support/page-files.js';
import { uboBody, userBody } from '../support/simulator-provider.js';
import { missingForRegular, type UserKyc } from '../../src/domain/user-kyc/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { coreWith } from './support/core-with.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';

/**
 * The whole path over HTTP: the simulator delivers its hooks to the endpoint mounted on a node http server,
 * the processor (running in the background) re-fetches from the simulator through the HTTP client, and the
 * core ends where Mangopay is.
 */
describe('webhooks end to end: simulator → endpoint → inbox → processor → core', () => {
  const directory = temporaryDirectory('webhooks-e2e');
  let simulator: MangopaySimulator;
  let database: Database.Database;
  let inbox: WebhookInbox;
  let core: KycCoreDependencies;
  let processor: InboxProcessor;
  let server: WebhookHttpServer;
  let commands = 0;
  const commandId = (): CommandId => `e2e-${++commands}` as CommandId;

  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'e2e-hooks', apiKey: 'e2e-key', hookRetryDelayMs: 20, pageRules: 'seed' });
    const mangopay = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'e2e-hooks', apiKey: 'e2e-key', baseDelayMs: 5 });
    core = coreWith(mangopay, systemClock);
    database = new Database(join(directory.path, 'inbox.sqlite'));
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    const opened = createSqliteWebhookInbox(database);
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    inbox = opened.right;
    processor = startInboxProcessor({ core, inbox, clock: systemClock }, { idleMs: 50 });
    const endpoint = createWebhookEndpoint({ receive: receiveHook({ inbox, clock: systemClock, onRecorded: processor.wake }) });
    server = await startWebhookHttpServer(endpoint, { path: '/hooks/mangopay' });
    await ok(registerHooks(mangopay, server.url as AbsoluteUrl));
  });
  afterAll(async () => {
    await simulator.close();
    await server.close();
    await processor.stop();
    database.close();
    directory.remove();
  });

  /** Every hook delivered (and answered 200) and every notification processed. */
  const settled = async (): Promise<void> => {
    await simulator.control.hookDeliveriesSettled();
    await vi.waitFor(async () => expect((await ok(inbox.countByStatus())).pending).toBe(0), { timeout: 10_000 });
  };
  const state = async <C, Ev extends { readonly type: string }, S, Er>(aggregate: Aggregate<C, Ev, S, Er>, id: string): Promise<S> =>
    (await ok(loadAggregate(core)(aggregate, id))).state;
  const newUser = (body: Record<string, unknown>, legal = false): MangopayId => {
    const created = legal ? simulator.control.createLegalUser(body) : simulator.control.createNaturalUser(body);
    return (created.body as { Id: MangopayId }).Id;
  };
  const submittedDocument = async (userId: MangopayId, documentType: 'IDENTITY_PROOF' | 'ADDRESS_PROOF'): Promise<MangopayId> => {
    const created = await ok(createKycDocument(core)({ commandId: commandId(), userId, documentType }));
    const documentId = (created.state as { documentId: MangopayId }).documentId;
    await ok(addKycPage(core)({ commandId: commandId(), userId, documentId, file: pageFile('PDF', 4096) }));
    await ok(submitKycDocument(core)({ commandId: commandId(), userId, documentId }));
    return documentId;
  };

  it('follows a document to VALIDATED and the user to REGULAR, and another document to REFUSED with its reason', async () => {
    const userId = newUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' }));
    const identity = await submittedDocument(userId, 'IDENTITY_PROOF');
    const address = await submittedDocument(userId, 'ADDRESS_PROOF');
    expect(simulator.control.settleDocument(identity, { status: 'VALIDATED' }).status).toBe(200);
    expect(
      simulator.control.settleDocument(address, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'Blurred' as RefusedReasonMessage })
        .status,
    ).toBe(200);
    await settled();

    expect(await state(core.documents, identity)).toMatchObject({ status: 'VALIDATED' });
    expect(await state(core.documents, address)).toMatchObject({
      status: 'REFUSED',
      refusedReasonType: 'DOCUMENT_UNREADABLE',
      refusedReasonMessage: 'Blurred',
    });
    const user = (await state(core.users, userId)) as { status: string; validatedDocuments: ReadonlyMap<string, string> };
    expect(user.status).toBe('REGULAR');
    expect([...user.validatedDocuments.keys()]).toEqual([identity]);
    const deliveries = simulator.control.hookDeliveries().filter((d) => d.resourceId === identity || d.resourceId === userId);
    expect(deliveries.map((d) => [d.eventType, d.outcome])).toEqual(
      expect.arrayContaining([
        ['KYC_SUCCEEDED', 'delivered'],
        ['USER_KYC_REGULAR', 'delivered'],
      ]),
    );
    expect(await ok(inbox.list({ status: 'parked' }))).toEqual([]);
  });

  it('follows an IDV session to VALIDATED and the legal user it verifies to REGULAR', async () => {
    const userId = newUser(userBody({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }), true);
    const started = await ok(
      startIdvSession(core)({ commandId: commandId(), userId, returnUrl: 'https://platform.example/back' as HttpsUrl }),
    );
    const sessionId = (started.state as { sessionId: MangopayId }).sessionId;
    expect(simulator.control.settleSession(sessionId, { status: 'VALIDATED' }).status).toBe(200);
    await settled();

    const session = (await state(core.sessions, sessionId)) as { status: string; checks: ReadonlyArray<{ type: string; status: string }> };
    expect(session.status).toBe('VALIDATED');
    expect(session.checks.length).toBeGreaterThan(0);
    expect(session.checks.every((check) => check.status === 'VALIDATED')).toBe(true);
    expect(await state(core.users, userId)).toMatchObject({ status: 'REGULAR' });
  });

  it("follows a Business's UBO declaration from its hooks alone: the user is registered, REFUSED keeps UBO_DECLARATION missing, VALIDATED ends it", async () => {
    const userId = newUser(userBody({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }), true);
    const declare = (): MangopayId => {
      const declarationId = (simulator.control.createUboDeclaration(userId).body as { Id: MangopayId }).Id;
      expect(simulator.control.addUbo(userId, declarationId, uboBody()).status).toBe(200);
      expect(simulator.control.submitUboDeclaration(userId, declarationId).status).toBe(200);
      return declarationId;
    };
    const refused = declare();
    expect(simulator.control.settleUboDeclaration(refused, { status: 'REFUSED', reason: 'WRONG_UBO_INFORMATION' }).status).toBe(200);
    await settled();
    const afterRefusal = (await state(core.users, userId)) as UserKyc;
    expect(afterRefusal.uboDeclarations.get(refused)).toMatchObject({ status: 'REFUSED', reason: 'WRONG_UBO_INFORMATION', uboCount: 1 });
    expect(missingForRegular(afterRefusal)).toContain('UBO_DECLARATION');

    const validated = declare();
    expect(simulator.control.settleUboDeclaration(validated, { status: 'VALIDATED' }).status).toBe(200);
    await settled();
    const afterValidation = (await state(core.users, userId)) as UserKyc;
    expect(afterValidation.uboDeclarations.get(validated)).toMatchObject({ status: 'VALIDATED' });
    expect(missingForRegular(afterValidation)).not.toContain('UBO_DECLARATION');
    expect(simulator.control.hookDeliveries().filter((d) => d.eventType.startsWith('UBO_DECLARATION_')).map((d) => [d.eventType, d.outcome])).toEqual(
      expect.arrayContaining([
        ['UBO_DECLARATION_REFUSED', 'delivered'],
        ['UBO_DECLARATION_VALIDATED', 'delivered'],
      ]),
    );
    expect(await ok(inbox.list({ status: 'parked' }))).toEqual([]);
  });

  it('takes in a document the platform created outside the core, from its hooks alone', async () => {
    const userId = newUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' }));
    const outside = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'e2e-hooks', apiKey: 'e2e-key' });
    const created = await outside.createKycDocument({ userId, type: 'ADDRESS_PROOF' }, idempotencyKeyFor('outside-1' as CommandId, 'create'))();
    if (E.isLeft(created)) throw new Error(created.left.message);
    const documentId = created.right.id;
    await outside.addKycPage({ userId, documentId, file: pageFile('PNG', 2048) }, idempotencyKeyFor('outside-1' as CommandId, 'page'))();
    await outside.submitKycDocument({ userId, documentId })();
    simulator.control.settleDocument(documentId, { status: 'VALIDATED' });
    simulator.control.settleDocument(documentId, { status: 'OUT_OF_DATE' });
    await settled();
    expect(await state(core.documents, documentId)).toMatchObject({ status: 'OUT_OF_DATE', documentType: 'ADDRESS_PROOF' });
  });
});
