import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { createMangopayHttpClient } from '../../../src/adapters/mangopay-http-client/index.js';
import { summarizeEvent } from '../../../src/application/audit/event-summary.js';
import { loadAggregate } from '../../../src/application/command-handling/load-aggregate.js';
import type { KycCoreDependencies } from '../../../src/application/kyc-core-dependencies.js';
import { reconcileUboDeclaration, reconcileUser } from '../../../src/application/reconciliation/reconcile-user.js';
import { reconcileSweep } from '../../../src/application/webhooks/reconcile-sweep.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import { missingForRegular, type UserKyc, type UserKycEvent, type UserProfile } from '../../../src/domain/user-kyc/index.js';
import { startMangopaySimulator, type MangopaySimulator, type UboDeclarationOutcome } from '../../../src/simulator/index.js';
import { uboBody, userBody } from '../../support/simulator-provider.js';
import { coreWith } from '../../webhooks/support/core-with.js';

const BUSINESS: UserProfile = { personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' };

/** The core reads a legal user's UBO declarations from the simulator: in the sweep, and from a UBO_DECLARATION_* hook's id. */
describe("a legal user's UBO declarations, as the simulator (Mangopay's documentation) gives them", () => {
  let simulator: MangopaySimulator;
  let core: KycCoreDependencies;
  let commands = 0;
  const commandId = (): CommandId => `ubo-${++commands}` as CommandId;
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'ubo', apiKey: 'ubo-key', now: () => 1_750_000_000_000 });
    core = coreWith(createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'ubo', apiKey: 'ubo-key', baseDelayMs: 5 }), fixedClock());
  });
  afterAll(async () => simulator.close());

  const created = (answer: { status: number; body: unknown }): MangopayId => {
    expect(answer.status).toBe(200);
    return (answer.body as { Id: MangopayId }).Id;
  };
  const newUser = (profile: UserProfile): MangopayId =>
    created(profile.personType === 'NATURAL' ? simulator.control.createNaturalUser(userBody(profile)) : simulator.control.createLegalUser(userBody(profile)));
  /** The platform declares two UBOs outside the core, submits, and Mangopay's team decides (or not yet). */
  const declared = (userId: MangopayId, outcome?: UboDeclarationOutcome): MangopayId => {
    const declarationId = created(simulator.control.createUboDeclaration(userId));
    created(simulator.control.addUbo(userId, declarationId, uboBody()));
    created(simulator.control.addUbo(userId, declarationId, uboBody()));
    created(simulator.control.submitUboDeclaration(userId, declarationId));
    if (outcome !== undefined) created(simulator.control.settleUboDeclaration(declarationId, outcome));
    return declarationId;
  };
  const user = async (userId: MangopayId) => {
    const loaded = await loadAggregate(core)(core.users, userId)();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    return { state: loaded.right.state as UserKyc, events: loaded.right.events as ReadonlyArray<UserKycEvent> };
  };

  it('the sweep records each declaration once, and what REGULAR misses follows it: REFUSED keeps UBO_DECLARATION missing, VALIDATED does not', async () => {
    const userId = newUser(BUSINESS);
    expect(await reconcileUser(core)(userId, commandId())()).toMatchObject(E.right({ resource: 'user', recordedEvents: 1 }));
    expect(missingForRegular((await user(userId)).state)).toContain('UBO_DECLARATION');

    const refused = declared(userId, { status: 'REFUSED', reason: 'MISSING_UBO', message: 'Grace Hopper is not a shareholder' });
    const sweep = await reconcileSweep(core)({ sweepId: 'sweep-1' })();
    expect(sweep).toMatchObject(E.right({ users: { checked: 1, recordedEvents: 1 }, failures: [] }));
    const afterRefusal = await user(userId);
    expect(afterRefusal.state.uboDeclarations.get(refused)).toEqual({
      declarationId: refused,
      status: 'REFUSED',
      reason: 'MISSING_UBO',
      creationDate: 1_750_000_000,
      processedDate: 1_750_000_000,
      uboCount: 2,
    });
    expect(missingForRegular(afterRefusal.state)).toContain('UBO_DECLARATION');
    // No UBO's name, nor Mangopay's message, is in the stream.
    expect(JSON.stringify(afterRefusal.events)).not.toMatch(/Grace|Hopper|shareholder/);

    const validated = declared(userId, { status: 'VALIDATED' });
    expect(await reconcileSweep(core)({ sweepId: 'sweep-2' })()).toMatchObject(E.right({ users: { checked: 1, recordedEvents: 1 } }));
    expect(await reconcileSweep(core)({ sweepId: 'sweep-3' })()).toMatchObject(E.right({ users: { checked: 1, recordedEvents: 0 } }));
    const afterValidation = await user(userId);
    expect(afterValidation.state.uboDeclarations.get(validated)).toMatchObject({ status: 'VALIDATED', uboCount: 2 });
    expect(missingForRegular(afterValidation.state)).toEqual(['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION']);
    const observed = afterValidation.events.filter((event) => event.type === 'UboDeclarationObserved');
    expect(observed.map((event) => summarizeEvent(event))).toEqual([
      `UBO declaration ${refused} REFUSED at Mangopay (reason MISSING_UBO), 2 UBOs declared, processed 2025-06-15`,
      `UBO declaration ${validated} VALIDATED at Mangopay, 2 UBOs declared, processed 2025-06-15; counts towards REGULAR`,
    ]);
  });

  it("a hook's declaration id leads to its user, registered if never seen, with every declaration of theirs; an id Mangopay does not know is reported so", async () => {
    const userId = newUser({ personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'OWNER' });
    const declarationId = declared(userId);
    expect(await reconcileUboDeclaration(core)(declarationId, commandId())()).toMatchObject(
      E.right({ resource: 'ubo-declaration', id: declarationId, unknownAtMangopay: false, recordedEvents: 2 }),
    );
    const { state } = await user(userId);
    expect(state.uboDeclarations.get(declarationId)).toMatchObject({ status: 'VALIDATION_ASKED', uboCount: 2 });
    expect(missingForRegular(state)).toEqual(['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'UBO_DECLARATION']);
    expect(await reconcileUboDeclaration(core)('ubo_m_forged' as MangopayId, commandId())()).toEqual(
      E.right({ resource: 'ubo-declaration', id: 'ubo_m_forged', unknownAtMangopay: true, recordedEvents: 0 }),
    );
  });
});
