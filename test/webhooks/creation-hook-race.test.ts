import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { createKycDocument, startIdvSession, type KycCoreDependencies } from '../../src/application/platform-commands/index.js';
import { idempotencyKeyFor } from '../../src/application/ports/mangopay-api.js';
import { reconcileHookResource } from '../../src/application/webhooks/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { userBody } from '../support/simulator-provider.js';
import { allEvents, coreWith } from './support/core-with.js';

/**
 * Mangopay announces a creation with a hook, and the hook may be reconciled (the resource imported) before the
 * platform's own command records it. The platform's command must then answer with the resource, not a 409 it
 * would retry forever; and a retry with the same Idempotency-Key answers the same.
 */
describe('a creation hook reconciled before the platform command that caused it', () => {
  let simulator: MangopaySimulator;
  let core: KycCoreDependencies;
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'race', apiKey: 'race-key' });
    core = coreWith(createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'race', apiKey: 'race-key' }), systemClock);
  });
  afterAll(() => simulator.close());
  const newUser = (legal: boolean): MangopayId => {
    const created = legal
      ? simulator.control.createLegalUser(userBody({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }))
      : simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' }));
    return (created.body as { Id: MangopayId }).Id;
  };

  it('KYC document: the platform gets the document the hook recorded, once, and so does its retry', async () => {
    const userId = newUser(false);
    const commandId = 'platform-create-1' as CommandId;
    // Mangopay creates it (the platform's request got there), and its KYC_CREATED hook is reconciled first.
    const atMangopay = await core.mangopay.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, idempotencyKeyFor(commandId, 'create-kyc-document'))();
    if (E.isLeft(atMangopay)) throw new Error(atMangopay.left.message);
    expect(E.isRight(await reconcileHookResource(core)('kyc-document', atMangopay.right.id, 'hook-created-1' as CommandId)())).toBe(true);

    for (const attempt of [1, 2]) {
      const created = await createKycDocument(core)({ commandId, userId, documentType: 'IDENTITY_PROOF' })();
      expect(created, `attempt ${attempt}`).toMatchObject({ _tag: 'Right', right: { state: { status: 'CREATED', documentId: atMangopay.right.id, userId } } });
    }
    const recorded = (await allEvents(core.store)).filter((event) => event.streamName === `KycDocument-${atMangopay.right.id}`);
    expect(recorded.map((event) => event.type)).toEqual(['KycDocumentCreated']);
  });

  it('IDV session: the platform gets the session the hook recorded', async () => {
    const userId = newUser(true);
    const commandId = 'platform-start-1' as CommandId;
    const returnUrl = 'https://platform.example/back' as HttpsUrl;
    const atMangopay = await core.mangopay.createIdvSession({ userId, returnUrl }, idempotencyKeyFor(commandId, 'create-idv-session'))();
    if (E.isLeft(atMangopay)) throw new Error(atMangopay.left.message);
    expect(E.isRight(await reconcileHookResource(core)('idv-session', atMangopay.right.id, 'hook-created-2' as CommandId)())).toBe(true);

    const started = await startIdvSession(core)({ commandId, userId, returnUrl })();
    expect(started).toMatchObject({ _tag: 'Right', right: { state: { sessionId: atMangopay.right.id, userId } } });
  });
});
