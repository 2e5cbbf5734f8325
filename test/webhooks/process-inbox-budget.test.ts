import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import {
  createRefetchBudget,
  createUnknownIds,
  processInbox,
  receiveHook,
  type RefetchBudgetOptions,
} from '../../src/application/webhooks/index.js';
import { allEvents, coreWith } from './support/core-with.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';
import { identityProof, naturalOwner } from './support/mangopay-views.js';
import { scriptedMangopay } from './support/scripted-mangopay.js';

/** The processor under forged traffic: what it spends at Mangopay, and what a genuine hook waits for. */
const setup = (options: { readonly budget?: RefetchBudgetOptions; readonly unknownIds?: boolean; readonly batchSize?: number } = {}) => {
  const clock = fixedClock(new Date('2026-03-01T10:00:00Z'));
  const mangopay = scriptedMangopay();
  const core = coreWith(mangopay.api, clock);
  const inbox = createInMemoryWebhookInbox();
  const budget = options.budget === undefined ? undefined : createRefetchBudget(clock, options.budget);
  const unknownIds = options.unknownIds === true ? createUnknownIds(clock, { forMs: 600_000, capacity: 1_000 }) : undefined;
  const policy = { random: () => 0.5, maxAttempts: 8, leaseMs: 60_000, batchSize: options.batchSize ?? 20 };
  let date = 0;
  const notify = (eventType: string, id: string) =>
    ok(receiveHook({ inbox, clock })({ EventType: eventType, RessourceId: id, Date: String(++date) }));
  const round = () =>
    ok(processInbox({ core, inbox, clock, policy, ...(budget === undefined ? {} : { budget }), ...(unknownIds === undefined ? {} : { unknownIds }) }));
  const status = async (stream: string) => (await allEvents(core.store)).filter((e) => e.streamName === stream).map((e) => e.type);
  return { clock, mangopay, core, inbox, notify, round, status };
};

describe('processInbox under forged hooks', () => {
  it('coalesces the entries of one resource claimed in one round into one Mangopay view, and settles them all', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    for (const eventType of ['KYC_CREATED', 'KYC_VALIDATION_ASKED', 'KYC_SUCCEEDED', 'KYC_SUCCEEDED']) await t.notify(eventType, 'kyc_1');
    expect(await t.round()).toEqual({ claimed: 4, processed: 4, retried: 0, parked: 0 });
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_1']);
    expect(await t.status('KycDocument-kyc_1')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentValidated']);
    const processed = await ok(t.inbox.list({ status: 'processed' }));
    expect(processed.map((e) => e.outcome)).toEqual(Array(4).fill({ resource: 'kyc-document', recordedEvents: 5, unknownAtMangopay: false }));
  });

  it('asks Mangopay about an invented id once per window, however many fresh dates it comes with', async () => {
    const t = setup({ unknownIds: true, batchSize: 5 });
    for (let i = 0; i < 20; i++) await t.notify('KYC_SUCCEEDED', 'kyc_forged');
    for (let i = 0; i < 4; i++) expect(await t.round()).toMatchObject({ claimed: 5, processed: 5 });
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_forged']);
    t.clock.advanceSeconds(601);
    await t.notify('KYC_SUCCEEDED', 'kyc_forged');
    await t.round();
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_forged', 'kyc_forged']);
  });

  it('never answers an id the store holds from the negative cache', async () => {
    const t = setup({ unknownIds: true });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATION_ASKED'));
    await t.notify('KYC_VALIDATION_ASKED', 'kyc_1');
    await t.round();
    t.mangopay.documents.delete('kyc_1');
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    await t.round();
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    await t.round();
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_1', 'kyc_1', 'kyc_1']);
    expect((await t.status('KycDocument-kyc_1')).at(-1)).toBe('KycDocumentValidated');
  });

  it('spends at most its budget on invented ids and keeps a call for a hook about a document the core holds', async () => {
    const t = setup({ budget: { perMinute: 60, burst: 4, reservedForKnown: 2 }, batchSize: 100 });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATION_ASKED'));
    await t.notify('KYC_VALIDATION_ASKED', 'kyc_1');
    await t.round();
    t.clock.advanceSeconds(10);
    t.mangopay.calls.viewKycDocument.length = 0;

    for (let i = 0; i < 50; i++) await t.notify('KYC_SUCCEEDED', `kyc_forged_${i}`);
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    expect(await t.round()).toEqual({ claimed: 51, processed: 2, retried: 49, parked: 0 });
    // The genuine one first (4 calls → 3), then forged ones while more than the reserve of 2 is left (3 → 2).
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_1', 'kyc_forged_0']);
    expect((await t.status('KycDocument-kyc_1')).at(-1)).toBe('KycDocumentValidated');

    // The deferred ones come back one slot apart at the refill rate, never all at once.
    const retried = await ok(t.inbox.list({ status: 'pending' }));
    expect(retried.every((e) => e.lastFailure?.type === 'REFETCH_BUDGET_SPENT')).toBe(true);
    const due = retried.map((e) => e.nextAttemptAt).sort((a, b) => a - b);
    expect(new Set(due).size).toBe(due.length);
    expect(due.at(-1)! - due[0]!).toBeGreaterThanOrEqual(48 * 1_000);
  });

  it('gives a hook about a known document a call even when forged ones spent everything above the reserve', async () => {
    const t = setup({ budget: { perMinute: 60, burst: 4, reservedForKnown: 2 }, batchSize: 10 });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATION_ASKED'));
    await t.notify('KYC_VALIDATION_ASKED', 'kyc_1');
    await t.round();
    t.clock.advanceSeconds(10);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 10; i++) await t.notify('KYC_SUCCEEDED', `kyc_forged_${round}_${i}`);
      await t.round();
    }
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    await t.round();
    expect((await t.status('KycDocument-kyc_1')).at(-1)).toBe('KycDocumentValidated');
    // 1 (the first view) + 2 forged (above the reserve, no time passed) + the genuine one.
    expect(t.mangopay.calls.viewKycDocument.filter((id) => id.startsWith('kyc_forged'))).toHaveLength(2);
  });
});
