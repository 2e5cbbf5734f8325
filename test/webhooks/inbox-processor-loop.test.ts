import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import { webhookInboxUnavailable, type WebhookInbox } from '../../src/application/ports/webhook-inbox.js';
import { receiveHook, startInboxProcessor } from '../../src/application/webhooks/index.js';
import { coreWith } from './support/core-with.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';
import { identityProof, naturalOwner } from './support/mangopay-views.js';
import { scriptedMangopay } from './support/scripted-mangopay.js';

describe('inbox processor loop', () => {
  it('processes what is recorded when woken, and stops cleanly, leaving later notifications for the next start', async () => {
    const clock = fixedClock();
    const mangopay = scriptedMangopay();
    mangopay.users.set('user_1', naturalOwner('user_1'));
    mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    const inbox = createInMemoryWebhookInbox();
    const rounds: number[] = [];
    // A pause far longer than the test: only `wake` can make the loop see the notification in time.
    const processor = startInboxProcessor({ core: coreWith(mangopay.api, clock), inbox, clock }, { idleMs: 3_600_000, onRound: (r) => rounds.push(r.processed) });
    const receive = receiveHook({ inbox, clock, onRecorded: processor.wake });
    await ok(receive({ EventType: 'KYC_SUCCEEDED', RessourceId: 'kyc_1', Date: '1' }));
    await vi.waitFor(async () => expect((await ok(inbox.countByStatus())).processed).toBe(1));
    expect(rounds).toEqual([1]);
    await processor.stop();
    await ok(receive({ EventType: 'KYC_SUCCEEDED', RessourceId: 'kyc_1', Date: '2' }));
    expect(await ok(inbox.countByStatus())).toMatchObject({ pending: 1, processed: 1 });
  });

  it('purges processed and ignored entries once they are older than the retention, by the injected clock, and keeps parked ones', async () => {
    const clock = fixedClock();
    const mangopay = scriptedMangopay();
    mangopay.users.set('user_1', naturalOwner('user_1'));
    mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    mangopay.failNext('viewKycDocument', { type: 'MANGOPAY_RESPONSE_INVALID', message: 'unreadable', status: 200, faults: [] });
    const inbox = createInMemoryWebhookInbox();
    const day = 86_400_000;
    const processor = startInboxProcessor(
      { core: coreWith(mangopay.api, clock), inbox, clock },
      { idleMs: 3_600_000, purge: { retentionMs: 7 * day, everyMs: 3_600_000 } },
    );
    const receive = receiveHook({ inbox, clock, onRecorded: processor.wake });
    await ok(receive({ EventType: 'KYC_SUCCEEDED', RessourceId: 'kyc_1', Date: '1' }));
    await vi.waitFor(async () => expect((await ok(inbox.countByStatus())).parked).toBe(1));
    await ok(receive({ EventType: 'KYC_SUCCEEDED', RessourceId: 'kyc_1', Date: '2' }));
    await ok(receive({ EventType: 'PAYIN_NORMAL_SUCCEEDED', RessourceId: 'payin_1', Date: '2' }));
    await vi.waitFor(async () => expect(await ok(inbox.countByStatus())).toEqual({ pending: 0, processed: 1, ignored: 1, parked: 1 }));
    // Not yet older than the retention: a purge (due an hour later) keeps them.
    clock.advanceSeconds(7 * 86_400 - 1);
    processor.wake();
    await ok(receive({ EventType: 'KYC_SUCCEEDED', RessourceId: 'kyc_1', Date: '3' }));
    await vi.waitFor(async () => expect((await ok(inbox.countByStatus())).processed).toBe(2));
    expect(await ok(inbox.countByStatus())).toEqual({ pending: 0, processed: 2, ignored: 1, parked: 1 });
    clock.advanceSeconds(3_600);
    processor.wake();
    await vi.waitFor(async () => expect(await ok(inbox.countByStatus())).toEqual({ pending: 0, processed: 1, ignored: 0, parked: 1 }));
    await processor.stop();
  });

  it('keeps going after the inbox fails, telling whoever listens', async () => {
    const clock = fixedClock();
    const inbox = createInMemoryWebhookInbox();
    let failures = 0;
    const failing: WebhookInbox = { ...inbox, claimDue: () => TE.left(webhookInboxUnavailable('down')) };
    const processor = startInboxProcessor(
      { core: coreWith(scriptedMangopay().api, clock), inbox: failing, clock },
      { failurePauseMs: 1, onInboxFailure: () => failures++ },
    );
    await vi.waitFor(() => expect(failures).toBeGreaterThanOrEqual(3));
    await processor.stop();
  });
});
