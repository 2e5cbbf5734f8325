import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildKycRuntime, startKycService, type KycRuntime, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import type { Aggregate } from '../../src/application/command-handling/aggregate.js';
import { loadAggregate } from '../../src/application/command-handling/load-aggregate.js';
import { addKycPage, createKycDocument, submitKycDocument } from '../../src/application/platform-commands/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { userBody } from '../support/simulator-provider.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';

/**
 * A hook Mangopay never delivers, and nobody runs `kyc reconcile`: the running service sweeps by itself and
 * ends where Mangopay is. Ages are configured small (1 s) so the test waits seconds, with bounded polling.
 */
describe('kyc serve converges without the hook', () => {
  const directory = temporaryDirectory('service-sweep');
  let runtime: KycRuntime;
  let service: RunningKycService;
  let simulator: MangopaySimulator;

  beforeAll(async () => {
    const config = serviceConfigForTests({ kind: 'memory' }, directory.path, ['a'.repeat(32)], { sweep: { everySeconds: 1, olderThanSeconds: 1 } });
    const built = await buildKycRuntime(config)();
    if (E.isLeft(built)) throw new Error(built.left.message);
    runtime = built.right;
    simulator = runtime.mangopay.simulator as MangopaySimulator;
    service = await startKycService(runtime);
  });
  afterAll(async () => {
    await service.stop();
    directory.remove();
  });

  const state = async <C, Ev extends { readonly type: string }, S, Er>(aggregate: Aggregate<C, Ev, S, Er>, id: string): Promise<S> =>
    (await ok(loadAggregate(runtime.core)(aggregate, id))).state;

  it('re-fetches a document whose KYC_SUCCEEDED never came, and the user whose USER_KYC_REGULAR never came', async () => {
    // Every hook the service registered is disabled at Mangopay: nothing will be delivered from here on.
    const hooks = (await ok(runtime.core.mangopay.listHooks({ perPage: 100 }))).items;
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) await ok(runtime.core.mangopay.updateHook({ hookId: hook.id, status: 'DISABLED' }));

    const userId = (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;
    const core = runtime.core;
    const created = await ok(createKycDocument(core)({ commandId: 'sweep-1' as CommandId, userId, documentType: 'IDENTITY_PROOF' }));
    const documentId = (created.state as { documentId: MangopayId }).documentId;
    await ok(addKycPage(core)({ commandId: 'sweep-2' as CommandId, userId, documentId, file: pageFile('PDF', 4096) }));
    await ok(submitKycDocument(core)({ commandId: 'sweep-3' as CommandId, userId, documentId }));
    expect(simulator.control.settleDocument(documentId, { status: 'VALIDATED' }).status).toBe(200);
    await simulator.control.hookDeliveriesSettled();
    expect(simulator.control.hookDeliveries().filter((d) => d.resourceId === documentId || d.resourceId === userId)).toEqual([]);

    await vi.waitFor(
      async () => {
        expect(await state(core.documents, documentId)).toMatchObject({ status: 'VALIDATED' });
        expect(await state(core.users, userId)).toMatchObject({ status: 'REGULAR' });
      },
      { timeout: 20_000, interval: 100 },
    );
    expect((await ok(runtime.inbox.countByStatus())).processed).toBe(0);
  }, 30_000);
});
