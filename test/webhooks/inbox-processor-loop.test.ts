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
