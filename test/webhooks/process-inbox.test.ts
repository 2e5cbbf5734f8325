import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryEventStore } from '../../src/adapters/in-memory/event-store/index.js';
import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import type { EventStore } from '../../src/application/ports/event-store.js';
import { webhookInboxUnavailable, type WebhookInbox } from '../../src/application/ports/webhook-inbox.js';
import {
  listParkedHooks,
  processInbox,
  receiveHook,
  replayParkedHook,
  type InboxRetryPolicy,
} from '../../src/application/webhooks/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { allEvents, coreWith } from './support/core-with.js';
import { hook, ok } from './support/describe-webhook-inbox-behaviour.js';
import { identityProof, idvSession, naturalOwner } from './support/mangopay-views.js';
import { scriptedMangopay } from './support/scripted-mangopay.js';

const unavailable = { type: 'MANGOPAY_UNAVAILABLE', message: 'Mangopay did not answer', reason: 'network', status: null, attempts: 4 } as const;

const setup = (options: { readonly policy?: Partial<InboxRetryPolicy>; readonly store?: EventStore; readonly inbox?: WebhookInbox } = {}) => {
  const clock = fixedClock(new Date('2026-03-01T10:00:00Z'));
  const mangopay = scriptedMangopay();
  const core = coreWith(mangopay.api, clock, options.store);
  const inbox = options.inbox ?? createInMemoryWebhookInbox();
  const policy = { random: () => 0.5, baseDelayMs: 1_000, maxAttempts: 4, leaseMs: 60_000, ...options.policy };
  const notify = (eventType: string, id: string, date = 1) => ok(receiveHook({ inbox, clock })({ EventType: eventType, RessourceId: id, Date: String(date) }));
  const round = () => ok(processInbox({ core, inbox, clock, policy }));
  const entries = async () => [
    ...(await ok(inbox.list({ status: 'pending' }))),
    ...(await ok(inbox.list({ status: 'processed' }))),
    ...(await ok(inbox.list({ status: 'parked' }))),
  ].sort((a, b) => a.sequence - b.sequence);
  const streamTypes = async (stream: string) => (await allEvents(core.store)).filter((e) => e.streamName === stream).map((e) => e.type);
  return { clock, mangopay, core, inbox, notify, round, entries, streamTypes };
};

describe('processInbox', () => {
  it('re-fetches the document a KYC hook names, reconciles it and records the outcome on the entry', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    expect(await t.round()).toEqual({ claimed: 1, processed: 1, retried: 0, parked: 0 });
    expect(await t.streamTypes('KycDocument-kyc_1')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentValidated']);
    expect(await t.streamTypes('UserKyc-user_1')).toEqual(['UserRegistered', 'UserKycDocumentValidated']);
    const [entry] = await t.entries();
    expect(entry).toMatchObject({ status: 'processed', attempts: 1, outcome: { resource: 'kyc-document', recordedEvents: 5, unknownAtMangopay: false } });
    expect(await t.round()).toEqual({ claimed: 0, processed: 0, retried: 0, parked: 0 });
  });

  it('follows a session hook to the session and a USER_KYC hook to the user', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1', 'LIGHT'));
    t.mangopay.sessions.set('idnver_1', idvSession('idnver_1', 'user_1', 'VALIDATED'));
    await t.notify('IDENTITY_VERIFICATION_VALIDATED', 'idnver_1');
    await t.round();
    t.mangopay.users.set('user_1', naturalOwner('user_1', 'REGULAR'));
    await t.notify('USER_KYC_REGULAR', 'user_1');
    await t.round();
    expect(await t.streamTypes('IdvSession-idnver_1')).toEqual(['IdvSessionStarted', 'IdvSessionValidated']);
    expect(await t.streamTypes('UserKyc-user_1')).toEqual(['UserRegistered', 'UserIdvSessionValidated', 'UserKycLevelChanged']);
    expect((await t.entries()).map((e) => e.outcome?.resource)).toEqual(['idv-session', 'user']);
  });

  it('acts on a notification equal to one processed before: a user back to REGULAR within the same second ends REGULAR', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1', 'REGULAR'));
    await t.notify('USER_KYC_REGULAR', 'user_1', 1);
    await t.round();
    t.mangopay.users.set('user_1', naturalOwner('user_1', 'LIGHT'));
    await t.notify('USER_KYC_LIGHT', 'user_1', 1);
    await t.round();
    t.mangopay.users.set('user_1', naturalOwner('user_1', 'REGULAR'));
    expect(await t.notify('USER_KYC_REGULAR', 'user_1', 1)).toEqual({ disposition: 'pending', duplicate: false });
    expect(await t.round()).toMatchObject({ processed: 1 });
    const levels = (await allEvents(t.core.store))
      .filter((e) => e.type === 'UserKycLevelChanged')
      .map((e) => (e.data as { readonly to?: unknown }).to);
    expect(levels.at(-1)).toBe('REGULAR');
    expect((await t.entries()).map((e) => [e.notification.eventType, e.status, e.outcome?.recordedEvents])).toEqual([
      ['USER_KYC_REGULAR', 'processed', 1],
      ['USER_KYC_LIGHT', 'processed', 1],
      ['USER_KYC_REGULAR', 'processed', 1],
    ]);
  });

  it('changes nothing for a forged id: Mangopay does not know it, and the entry says so', async () => {
    const t = setup();
    await t.notify('KYC_SUCCEEDED', 'kyc_forged');
    await t.notify('IDENTITY_VERIFICATION_VALIDATED', 'idnver_forged');
    await t.notify('USER_KYC_REGULAR', 'user_forged');
    expect(await t.round()).toMatchObject({ processed: 3 });
    expect(await allEvents(t.core.store)).toEqual([]);
    expect((await t.entries()).map((e) => e.outcome)).toEqual([
      { resource: 'kyc-document', recordedEvents: 0, unknownAtMangopay: true },
      { resource: 'idv-session', recordedEvents: 0, unknownAtMangopay: true },
      { resource: 'user', recordedEvents: 0, unknownAtMangopay: true },
    ]);
  });

  it('changes nothing for a state Mangopay does not confirm, or a stale hook arriving after a later state', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATION_ASKED'));
    await t.notify('KYC_VALIDATION_ASKED', 'kyc_1', 1);
    await t.round();
    const before = await allEvents(t.core.store);
    await t.notify('KYC_SUCCEEDED', 'kyc_1', 2);
    await t.round();
    expect(await allEvents(t.core.store)).toEqual(before);
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'REFUSED'));
    await t.notify('KYC_FAILED', 'kyc_1', 3);
    await t.notify('KYC_VALIDATION_ASKED', 'kyc_1', 0);
    await t.round();
    expect(await t.streamTypes('KycDocument-kyc_1')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentRefused']);
  });

  it('retries a transient failure with growing backoff, then processes the entry', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    t.mangopay.failNext('viewKycDocument', unavailable, 2);
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    expect(await t.round()).toMatchObject({ retried: 1 });
    const [first] = await t.entries();
    // Equal jitter with random 0.5: three quarters of the 1 s base for the first retry.
    expect(first).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: t.clock.now().getTime() + 750, lastFailure: { type: 'MANGOPAY_UNAVAILABLE' } });
    expect(await t.round()).toMatchObject({ claimed: 0 });
    t.clock.advanceSeconds(1);
    expect(await t.round()).toMatchObject({ retried: 1 });
    expect((await t.entries())[0]?.nextAttemptAt).toBe(t.clock.now().getTime() + 1_500);
    t.clock.advanceSeconds(2);
    expect(await t.round()).toMatchObject({ processed: 1 });
    expect((await t.entries())[0]).toMatchObject({ status: 'processed', attempts: 3, lastFailure: null });
    expect(await t.streamTypes('KycDocument-kyc_1')).toHaveLength(3);
  });

  it('waits for the rate limit to reset when Mangopay says when', async () => {
    const t = setup();
    const resetAt = Math.floor(t.clock.now().getTime() / 1000) + 120;
    t.mangopay.failNext('viewKycDocument', { type: 'RATE_LIMITED', message: 'Still rate limited', resetAt });
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    await t.round();
    expect((await t.entries())[0]?.nextAttemptAt).toBe(resetAt * 1000);
  });

  it('parks a notification that keeps failing after the bounded attempts, lists it, and replays it once Mangopay is back', async () => {
    const t = setup({ policy: { maxAttempts: 3 } });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'REFUSED'));
    t.mangopay.failNext('viewKycDocument', unavailable, 3);
    await t.notify('KYC_FAILED', 'kyc_1');
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(await t.round());
      t.clock.advanceSeconds(10);
    }
    expect(results.map((r) => [r.retried, r.parked])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const parked = await ok(listParkedHooks(t.inbox)());
    expect(parked.map((e) => [e.notification.resourceId, e.attempts, e.lastFailure?.type])).toEqual([['kyc_1', 3, 'MANGOPAY_UNAVAILABLE']]);
    expect(await t.round()).toMatchObject({ claimed: 0 });
    expect(await allEvents(t.core.store)).toEqual([]);

    let woken = 0;
    await ok(replayParkedHook({ inbox: t.inbox, clock: t.clock, onRecorded: () => woken++ })(parked[0]?.sequence ?? -1));
    expect(woken).toBe(1);
    expect(await t.round()).toMatchObject({ processed: 1 });
    expect(await t.streamTypes('KycDocument-kyc_1')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentRefused']);
    const replayedAgain = await replayParkedHook({ inbox: t.inbox, clock: t.clock })(parked[0]?.sequence ?? -1)();
    expect(E.isLeft(replayedAgain) && replayedAgain.left.type).toBe('PARKED_HOOK_NOT_FOUND');
  });

  it.each([
    ['an answer the core cannot read', { type: 'MANGOPAY_RESPONSE_INVALID', message: 'unreadable', status: 200, faults: [] }],
    ['refused credentials', { type: 'MANGOPAY_AUTHENTICATION_FAILED', message: 'refused', status: 401 }],
  ] as const)('parks a permanent failure (%s) at once', async (_case, error) => {
    const t = setup();
    t.mangopay.failNext('viewIdvSession', error);
    await t.notify('IDENTITY_VERIFICATION_FAILED', 'idnver_1');
    expect(await t.round()).toMatchObject({ parked: 1 });
    expect((await t.entries())[0]).toMatchObject({ status: 'parked', attempts: 1, lastFailure: { type: error.type } });
  });

  it('retries when the event store is unavailable, without losing the notification', async () => {
    const store = createInMemoryEventStore();
    let failAppends = 1;
    const flaky: EventStore = {
      ...store,
      appendToStream: (...args) =>
        failAppends-- > 0 ? TE.left({ type: 'EVENT_STORE_UNAVAILABLE', message: 'down' }) : store.appendToStream(...args),
    };
    const t = setup({ store: flaky });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    expect(await t.round()).toMatchObject({ retried: 1 });
    t.clock.advanceSeconds(5);
    expect(await t.round()).toMatchObject({ processed: 1 });
    expect(await t.streamTypes('KycDocument-kyc_1')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentValidated']);
  });

  it('loses nothing when it dies between the reconciliation and marking the entry: the entry comes back after its lease, with the effect of once', async () => {
    const inbox = createInMemoryWebhookInbox();
    let refuseMarks = 1;
    const dying: WebhookInbox = {
      ...inbox,
      markProcessed: (...args) => (refuseMarks-- > 0 ? TE.left(webhookInboxUnavailable('gone')) : inbox.markProcessed(...args)),
    };
    const t = setup({ inbox: dying });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    const interrupted = await processInbox({ core: t.core, inbox: dying, clock: t.clock, policy: { leaseMs: 60_000 } })();
    expect(E.isLeft(interrupted)).toBe(true);
    const recorded = await allEvents(t.core.store);
    expect(recorded).toHaveLength(5);
    expect((await t.entries())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await t.round()).toMatchObject({ claimed: 0 });
    t.clock.advanceSeconds(61);
    expect(await t.round()).toMatchObject({ processed: 1 });
    expect(await allEvents(t.core.store)).toEqual(recorded);
    expect((await t.entries())[0]).toMatchObject({ status: 'processed', attempts: 2, outcome: { recordedEvents: 0 } });
  });

  it('gives the entries of a processor that died back within seconds under the default policy, not minutes', async () => {
    const inbox = createInMemoryWebhookInbox();
    const dying: WebhookInbox = { ...inbox, markProcessed: () => TE.left(webhookInboxUnavailable('gone')) };
    const t = setup({ inbox });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    // Its round ends without settling the entry, and nothing renews the claim any more.
    expect(E.isLeft(await processInbox({ core: t.core, inbox: dying, clock: t.clock })())).toBe(true);
    t.clock.advanceSeconds(14);
    expect(await ok(processInbox({ core: t.core, inbox, clock: t.clock }))).toMatchObject({ claimed: 0 });
    t.clock.advanceSeconds(1);
    expect(await ok(processInbox({ core: t.core, inbox, clock: t.clock }))).toMatchObject({ claimed: 1, processed: 1 });
  });

  it('keeps the claim of an entry whose Mangopay call outlasts the lease: no second processor takes it meanwhile', async () => {
    const t = setup({ policy: { leaseMs: 15_000, renewEveryMs: 5 } });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    let answer = (): void => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let asked = false;
    const viewKycDocument: typeof t.mangopay.api.viewKycDocument = (id) => async () => {
      asked = true;
      await answered;
      return t.mangopay.api.viewKycDocument(id)();
    };
    const slowCore = coreWith({ ...t.mangopay.api, viewKycDocument }, t.clock, t.core.store);
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    const slowRound = processInbox({ core: slowCore, inbox: t.inbox, clock: t.clock, policy: { leaseMs: 15_000, renewEveryMs: 5 } })();
    await vi.waitFor(() => expect(asked).toBe(true));
    t.clock.advanceSeconds(20);
    // The heartbeat moves the lease on from the clock's new time, past the first lease's end.
    await vi.waitFor(async () => expect((await t.entries())[0]?.nextAttemptAt).toBe(t.clock.now().getTime() + 15_000));
    expect(await t.round()).toMatchObject({ claimed: 0 });
    answer();
    const slow = await slowRound;
    expect(E.isRight(slow) && slow.right).toEqual({ claimed: 1, processed: 1, retried: 0, parked: 0 });
    expect((await t.entries())[0]).toMatchObject({ status: 'processed', attempts: 1, outcome: { recordedEvents: 5 } });
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_1']);
  });

  it('parks an entry claimed more often than the policy allows without being settled (a process dying on it each time)', async () => {
    const t = setup({ policy: { maxAttempts: 2 } });
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    const now = t.clock.now();
    // Two claims whose processor died before settling anything.
    for (let i = 0; i < 2; i++) await ok(t.inbox.claimDue({ now, leaseUntil: now, limit: 10 }));
    expect(await t.round()).toEqual({ claimed: 1, processed: 0, retried: 0, parked: 1 });
    expect((await t.entries())[0]).toMatchObject({ status: 'parked', attempts: 3, lastFailure: { type: 'ATTEMPTS_EXHAUSTED' } });
    expect(t.mangopay.calls.viewKycDocument).toEqual([]);
  });

  it('parks an entry whose reconciliation throws, and goes on with the rest of the round', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_2', identityProof('kyc_2', 'user_1', 'VALIDATED'));
    const viewKycDocument: typeof t.mangopay.api.viewKycDocument = (id) =>
      id === 'kyc_1' ? () => Promise.reject(new Error('adapter bug')) : t.mangopay.api.viewKycDocument(id);
    const core = coreWith({ ...t.mangopay.api, viewKycDocument }, t.clock, t.core.store);
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    await t.notify('KYC_SUCCEEDED', 'kyc_2');
    expect(await ok(processInbox({ core, inbox: t.inbox, clock: t.clock }))).toEqual({ claimed: 2, processed: 1, retried: 0, parked: 1 });
    expect((await t.entries()).map((e) => [e.notification.resourceId, e.status, e.lastFailure?.type])).toEqual([
      ['kyc_1', 'parked', 'UNEXPECTED_ERROR'],
      ['kyc_2', 'processed', undefined],
    ]);
  });

  it('processes the same notification twice with the effect of once (two inboxes, e.g. a restored backup)', async () => {
    const t = setup();
    t.mangopay.users.set('user_1', naturalOwner('user_1'));
    t.mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
    await t.notify('KYC_SUCCEEDED', 'kyc_1');
    await t.round();
    const recorded = await allEvents(t.core.store);
    const second = createInMemoryWebhookInbox();
    await ok(second.record(hook('KYC_SUCCEEDED', 'kyc_1', 1), { status: 'pending', receivedAt: t.clock.now() }));
    expect(await ok(processInbox({ core: t.core, inbox: second, clock: t.clock }))).toMatchObject({ processed: 1 });
    expect(await allEvents(t.core.store)).toEqual(recorded);
    expect((await ok(second.list({ status: 'processed' })))[0]?.outcome?.recordedEvents).toBe(0);
  });

  it('parks an entry of an event type this build does not act on', async () => {
    const t = setup();
    await ok(t.inbox.record(hook('KYC_SOMETHING_NEW', 'kyc_1', 1), { status: 'pending', receivedAt: t.clock.now() }));
    expect(await t.round()).toMatchObject({ parked: 1 });
    expect((await t.entries())[0]?.lastFailure?.type).toBe('UNKNOWN_EVENT_TYPE');
    expect(t.mangopay.calls.viewKycDocument).toEqual([]);
  });

  it('claims at most a batch per round, in sequence order', async () => {
    const t = setup({ policy: { batchSize: 2 } });
    for (let i = 1; i <= 5; i++) await t.notify('KYC_SUCCEEDED', `kyc_${i}` as MangopayId, i as UnixTimestamp);
    expect((await t.round()).claimed).toBe(2);
    expect(t.mangopay.calls.viewKycDocument).toEqual(['kyc_1', 'kyc_2']);
    expect((await t.round()).claimed).toBe(2);
    expect((await t.round()).claimed).toBe(1);
  });
});
