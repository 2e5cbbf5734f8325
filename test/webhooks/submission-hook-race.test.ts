import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { addKycPage, createKycDocument, submitKycDocument, type KycCoreDependencies } from '../../src/application/platform-commands/index.js';
import type { MangopayApi } from '../../src/application/ports/mangopay-api.js';
import { reconcileHookResource } from '../../src/application/webhooks/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { pageFile } from '../support/page-files.js';
import { userBody } from '../support/simulator-provider.js';
import { allEvents, coreWith } from './support/core-with.js';

/**
 * A submission Mangopay accepted is the platform's success, whatever happened between Mangopay's answer and the
 * append: its KYC_VALIDATION_ASKED hook reconciled in between, or the answer lost on the way and the platform
 * retrying with the same Idempotency-Key. Both were answered with a final 400 before.
 */
describe('a submission and its hook, or its lost answer', () => {
  let simulator: MangopaySimulator;
  let real: MangopayApi;
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'submit-race', apiKey: 'submit-race-key' });
    real = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'submit-race', apiKey: 'submit-race-key' });
  });
  afterAll(() => simulator.close());

  /** A document created and given a page through the core, ready to be submitted. */
  const readyDocument = async (core: KycCoreDependencies, name: string): Promise<{ readonly userId: MangopayId; readonly documentId: MangopayId }> => {
    const userId = (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;
    const created = await createKycDocument(core)({ commandId: `${name}-create` as CommandId, userId, documentType: 'IDENTITY_PROOF' })();
    if (E.isLeft(created)) throw new Error(created.left.message);
    const documentId = (created.right.state as { readonly documentId: MangopayId }).documentId;
    const paged = await addKycPage(core)({ commandId: `${name}-page` as CommandId, userId, documentId, file: pageFile('PDF', 40 * 1024) })();
    if (E.isLeft(paged)) throw new Error(paged.left.message);
    return { userId, documentId };
  };
  const submissionsIn = async (core: KycCoreDependencies, documentId: string) =>
    (await allEvents(core.store)).filter((event) => event.streamName === `KycDocument-${documentId}` && event.type === 'KycDocumentSubmitted');

  it('the hook reconciled between Mangopay accepting the submission and the append: the platform is answered success, once', async () => {
    let core: KycCoreDependencies;
    const hookFirst: MangopayApi = {
      ...real,
      submitKycDocument: (input) => async () => {
        const answered = await real.submitKycDocument(input)();
        // Mangopay has it; its hook reaches the core before this answer does.
        await reconcileHookResource(core)('kyc-document', input.documentId, 'hook-validation-asked' as CommandId)();
        return answered;
      },
    };
    core = coreWith(hookFirst, systemClock);
    const { userId, documentId } = await readyDocument(core, 'race');
    const submitted = await submitKycDocument(core)({ commandId: 'race-submit' as CommandId, userId, documentId })();
    expect(submitted).toMatchObject({ _tag: 'Right', right: { state: { status: 'VALIDATION_ASKED' } } });
    expect((await submissionsIn(core, documentId)).length).toBe(1);
  });

  it("Mangopay's answer lost after it acted: the platform's retry is answered success, and the submission recorded once", async () => {
    let lose = true;
    const losing: MangopayApi = {
      ...real,
      submitKycDocument: (input) => async () => {
        const answered = await real.submitKycDocument(input)();
        return lose && E.isRight(answered) ? E.left({ type: 'MANGOPAY_UNAVAILABLE', message: 'the connection was cut before the answer', reason: 'network', status: null, attempts: 1 } as const) : answered;
      },
    };
    const core = coreWith(losing, systemClock);
    const { userId, documentId } = await readyDocument(core, 'lost');
    const first = await submitKycDocument(core)({ commandId: 'lost-submit' as CommandId, userId, documentId })();
    expect(first).toMatchObject({ _tag: 'Left', left: { type: 'MANGOPAY_UNAVAILABLE' } });
    lose = false;
    for (const attempt of [1, 2]) {
      const retried = await submitKycDocument(core)({ commandId: 'lost-submit' as CommandId, userId, documentId })();
      expect(retried, `retry ${attempt}`).toMatchObject({ _tag: 'Right', right: { state: { status: 'VALIDATION_ASKED' } } });
    }
    expect((await submissionsIn(core, documentId)).length).toBe(1);
  });

  it('a second submission after the platform\'s own was recorded is still refused', async () => {
    const core = coreWith(real, systemClock);
    const { userId, documentId } = await readyDocument(core, 'twice');
    expect(E.isRight(await submitKycDocument(core)({ commandId: 'twice-1' as CommandId, userId, documentId })())).toBe(true);
    const again = await submitKycDocument(core)({ commandId: 'twice-2' as CommandId, userId, documentId })();
    expect(again).toMatchObject({ _tag: 'Left', left: { type: 'SUBMIT_ONLY_WHILE_CREATED' } });
  });
});
