import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HookNotification, WebhookInbox } from '../../../src/application/ports/webhook-inbox.js';
import type { MangopayId } from '../../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../../src/domain/shared/unix-timestamp.js';

export interface OpenedInbox {
  readonly inbox: WebhookInbox;
  readonly close: () => Promise<void>;
}

export const hook = (eventType: string, resourceId: string, date: number): HookNotification => ({
  eventType,
  resourceId: resourceId as MangopayId,
  date: date as UnixTimestamp,
});

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

/** The Right of a call that must succeed; a Left fails the test with its type. */
export const ok = async <A>(task: TaskEither<{ readonly type: string }, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.type}`);
  return result.right;
};

/** The inbox port's behaviour, the same for every adapter. */
export const describeWebhookInboxBehaviour = (name: string, open: () => Promise<OpenedInbox>): void => {
  describe(`WebhookInbox behaviour: ${name}`, () => {
    let opened: OpenedInbox;
    let inbox: WebhookInbox;
    beforeEach(async () => {
      opened = await open();
      inbox = opened.inbox;
    });
    afterEach(async () => {
      await opened.close();
    });

    const record = (notification: HookNotification, status: 'pending' | 'ignored' = 'pending', receivedAt = T0) =>
      ok(inbox.record(notification, { status, receivedAt }));
    const claim = (now: Date, limit = 10, leaseSeconds = 60) =>
      ok(inbox.claimDue({ now, leaseUntil: new Date(now.getTime() + leaseSeconds * 1000), limit }));

    it('records a notification as pending, due at once, and reads it back as it was given', async () => {
      const recorded = await record(hook('KYC_SUCCEEDED', 'kyc_1', 1_767_000_000));
      expect(recorded.kind).toBe('recorded');
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      expect(await ok(inbox.get(sequence))).toEqual({
        sequence,
        notification: hook('KYC_SUCCEEDED', 'kyc_1', 1_767_000_000),
        receivedAt: T0.toISOString(),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: T0.getTime(),
        lastFailure: null,
        outcome: null,
        settledAt: null,
      });
      expect(await ok(inbox.get(sequence + 1000))).toBeUndefined();
    });

    it('collapses a notification with an equal one (EventType, RessourceId, Date) still pending and unclaimed; any other combination is a new entry with a greater sequence', async () => {
      const first = await record(hook('KYC_SUCCEEDED', 'kyc_1', 100));
      expect(await record(hook('KYC_SUCCEEDED', 'kyc_1', 100))).toEqual({ kind: 'duplicate' });
      expect(await record(hook('KYC_SUCCEEDED', 'kyc_1', 100), 'pending', at(3600))).toEqual({ kind: 'duplicate' });
      const others = [
        await record(hook('KYC_SUCCEEDED', 'kyc_1', 101)),
        await record(hook('KYC_FAILED', 'kyc_1', 100)),
        await record(hook('KYC_SUCCEEDED', 'kyc_2', 100)),
      ];
      const sequences = [first, ...others].map((r) => (r.kind === 'recorded' ? r.sequence : Number.NaN));
      expect(sequences.every((s, i) => i === 0 || s > (sequences[i - 1] as number))).toBe(true);
      expect((await ok(inbox.countByStatus())).pending).toBe(4);
    });

    it("keeps the outcome of a UBO_DECLARATION_* hook: the 'ubo-declaration' it re-fetched", async () => {
      const recorded = await record(hook('UBO_DECLARATION_VALIDATED', 'ubo_m_1', 100));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      await claim(at(1));
      await ok(inbox.markProcessed({ sequence, attempts: 1 }, { resource: 'ubo-declaration', recordedEvents: 2, unknownAtMangopay: false }, at(2)));
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'processed', outcome: { resource: 'ubo-declaration', recordedEvents: 2, unknownAtMangopay: false } });
    });

    it('records again a notification equal to one already processed: it is processed again', async () => {
      const first = await record(hook('USER_KYC_REGULAR', 'user_1', 100));
      const sequence = first.kind === 'recorded' ? first.sequence : -1;
      await claim(at(1));
      await ok(inbox.markProcessed({ sequence, attempts: 1 }, { resource: 'user', recordedEvents: 1, unknownAtMangopay: false }, at(2)));
      const again = await record(hook('USER_KYC_REGULAR', 'user_1', 100), 'pending', at(3));
      expect(again.kind).toBe('recorded');
      const againSequence = again.kind === 'recorded' ? again.sequence : -1;
      expect(againSequence).toBeGreaterThan(sequence);
      expect((await claim(at(3))).map((e) => [e.sequence, e.attempts])).toEqual([[againSequence, 1]]);
      // And one equal to that new one while it waits is collapsed with it, as before.
      await ok(inbox.scheduleRetry({ sequence: againSequence, attempts: 1 }, { type: 'MANGOPAY_UNAVAILABLE', message: 'down' }, at(4)));
      expect(await ok(inbox.countByStatus())).toEqual({ pending: 1, processed: 1, ignored: 0, parked: 0 });
    });

    it('records again a notification equal to one claimed but not settled: its re-fetch may have read Mangopay before the change', async () => {
      const first = await record(hook('USER_KYC_REGULAR', 'user_1', 100));
      const sequence = first.kind === 'recorded' ? first.sequence : -1;
      await claim(at(1));
      const during = await record(hook('USER_KYC_REGULAR', 'user_1', 100), 'pending', at(2));
      expect(during.kind).toBe('recorded');
      const duringSequence = during.kind === 'recorded' ? during.sequence : -1;
      // A third one, while the second still waits unclaimed, is collapsed with the second.
      expect(await record(hook('USER_KYC_REGULAR', 'user_1', 100), 'pending', at(2))).toEqual({ kind: 'duplicate' });
      await ok(inbox.markProcessed({ sequence, attempts: 1 }, { resource: 'user', recordedEvents: 0, unknownAtMangopay: false }, at(3)));
      expect((await claim(at(3))).map((e) => e.sequence)).toEqual([duringSequence]);
    });

    it('records a repeated ignored notification again: an ignored entry is settled, not pending', async () => {
      await record(hook('PAYIN_NORMAL_SUCCEEDED', 'payin_1', 5), 'ignored');
      expect((await record(hook('PAYIN_NORMAL_SUCCEEDED', 'payin_1', 5), 'ignored')).kind).toBe('recorded');
      expect(await ok(inbox.countByStatus())).toEqual({ pending: 0, processed: 0, ignored: 2, parked: 0 });
    });

    it('records one entry when the same notification arrives many times at once', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => record(hook('KYC_SUCCEEDED', 'kyc_race', 7))));
      expect(results.filter((r) => r.kind === 'recorded')).toHaveLength(1);
      expect(await ok(inbox.countByStatus())).toEqual({ pending: 1, processed: 0, ignored: 0, parked: 0 });
    });

    it('keeps many distinct notifications recorded at once, each with its own sequence', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => record(hook('KYC_CREATED', `kyc_${i % 20}`, Math.floor(i / 20)))));
      const sequences = results.map((r) => (r.kind === 'recorded' ? r.sequence : Number.NaN));
      expect(new Set(sequences).size).toBe(40);
      expect((await ok(inbox.countByStatus())).pending).toBe(40);
    });

    it('settles an ignored notification at once and never hands it to a processor', async () => {
      const recorded = await record(hook('PAYIN_NORMAL_SUCCEEDED', 'payin_1', 5), 'ignored');
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'ignored', settledAt: T0.toISOString() });
      expect(await claim(at(10))).toEqual([]);
    });

    it('claims due entries lowest sequence first, up to the limit, counting an attempt and holding each until its lease ends', async () => {
      for (let i = 1; i <= 5; i++) await record(hook('KYC_VALIDATION_ASKED', `kyc_${i}`, i));
      const first = await claim(at(1), 3, 60);
      expect(first.map((e) => e.notification.resourceId)).toEqual(['kyc_1', 'kyc_2', 'kyc_3']);
      expect(first.every((e) => e.attempts === 1 && e.nextAttemptAt === at(61).getTime())).toBe(true);
      expect((await claim(at(2))).map((e) => e.notification.resourceId)).toEqual(['kyc_4', 'kyc_5']);
      expect(await claim(at(30))).toEqual([]);
      const again = await claim(at(61));
      expect(again.map((e) => [e.notification.resourceId, e.attempts])).toEqual([
        ['kyc_1', 2],
        ['kyc_2', 2],
        ['kyc_3', 2],
      ]);
    });

    it('never hands the same entry to two processors claiming at the same time', async () => {
      for (let i = 1; i <= 30; i++) await record(hook('KYC_VALIDATION_ASKED', `kyc_${i}`, i));
      const claims = await Promise.all(Array.from({ length: 4 }, () => claim(at(1), 10)));
      const sequences = claims.flat().map((e) => e.sequence);
      expect(new Set(sequences).size).toBe(sequences.length);
      expect(sequences).toHaveLength(30);
    });

    it('does not hand out an entry before it is due', async () => {
      await record(hook('KYC_SUCCEEDED', 'kyc_future', 1), 'pending', at(100));
      expect(await claim(at(99))).toEqual([]);
      expect(await claim(at(100))).toHaveLength(1);
    });

    it('marks a claimed entry processed with what processing did; it is settled and no longer claimable', async () => {
      const recorded = await record(hook('KYC_SUCCEEDED', 'kyc_1', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      await claim(at(1));
      await ok(inbox.scheduleRetry({ sequence, attempts: 1 }, { type: 'MANGOPAY_UNAVAILABLE', message: 'down' }, at(2)));
      await claim(at(2));
      await ok(inbox.markProcessed({ sequence, attempts: 2 }, { resource: 'kyc-document', recordedEvents: 2, unknownAtMangopay: false }, at(3)));
      expect(await ok(inbox.get(sequence))).toMatchObject({
        status: 'processed',
        attempts: 2,
        outcome: { resource: 'kyc-document', recordedEvents: 2, unknownAtMangopay: false },
        lastFailure: null,
        settledAt: at(3).toISOString(),
      });
      expect(await claim(at(1000))).toEqual([]);
      // Settled entries are not changed by late reports from a processor whose lease ran out.
      await ok(inbox.park({ sequence, attempts: 2 }, { type: 'X', message: 'late' }, at(4)));
      await ok(inbox.scheduleRetry({ sequence, attempts: 2 }, { type: 'X', message: 'late' }, at(5)));
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'processed', lastFailure: null });
    });

    it('ignores a settlement for an earlier claim: the lease ran out and another processor holds the entry now', async () => {
      const recorded = await record(hook('KYC_SUCCEEDED', 'kyc_lease', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      const [first] = await claim(at(0));
      const [second] = await claim(at(1000));
      expect([first?.attempts, second?.attempts]).toEqual([1, 2]);
      await ok(inbox.park({ sequence, attempts: 1 }, { type: 'STALE', message: 'late' }, at(1001)));
      await ok(inbox.markProcessed({ sequence, attempts: 1 }, { resource: 'kyc-document', recordedEvents: 9, unknownAtMangopay: false }, at(1001)));
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'pending', attempts: 2, lastFailure: null, outcome: null });
      await ok(inbox.markProcessed({ sequence, attempts: 2 }, { resource: 'kyc-document', recordedEvents: 1, unknownAtMangopay: false }, at(1002)));
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'processed', outcome: { recordedEvents: 1 } });
    });

    it('renews the short lease of a claim still held, so a slow processor keeps its entry past the first lease', async () => {
      const recorded = await record(hook('KYC_SUCCEEDED', 'kyc_slow', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      const [held] = await claim(at(0), 10, 15);
      expect(await ok(inbox.renewClaims([{ sequence, attempts: 1 }], at(25)))).toEqual([sequence]);
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(25).getTime() });
      // Past the first lease, not past the renewed one: no second processor gets it.
      expect(await claim(at(20))).toEqual([]);
      await ok(inbox.markProcessed({ sequence, attempts: held?.attempts ?? -1 }, { resource: 'kyc-document', recordedEvents: 1, unknownAtMangopay: false }, at(22)));
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'processed', attempts: 1 });
      // A settled entry is no claim to renew.
      expect(await ok(inbox.renewClaims([{ sequence, attempts: 1 }], at(40)))).toEqual([]);
      expect((await ok(inbox.get(sequence)))?.nextAttemptAt).toBe(at(25).getTime());
    });

    it('gives back the entry of a claim that is not renewed when its short lease ends, and renews no claim taken since', async () => {
      const recorded = await record(hook('KYC_SUCCEEDED', 'kyc_dead', 1));
      const other = await record(hook('KYC_SUCCEEDED', 'kyc_alive', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      const otherSequence = other.kind === 'recorded' ? other.sequence : -1;
      await claim(at(0), 10, 15);
      expect(await claim(at(14))).toEqual([]);
      const [again] = await claim(at(15), 1, 15);
      expect([again?.sequence, again?.attempts]).toEqual([sequence, 2]);
      // The first processor's late heartbeat: only the claim nobody took since is still its own.
      expect(await ok(inbox.renewClaims([{ sequence, attempts: 1 }, { sequence: otherSequence, attempts: 1 }], at(31)))).toEqual([otherSequence]);
      expect(await ok(inbox.get(sequence))).toMatchObject({ attempts: 2, nextAttemptAt: at(30).getTime() });
      expect(await ok(inbox.get(otherSequence))).toMatchObject({ attempts: 1, nextAttemptAt: at(31).getTime() });
      expect(await ok(inbox.renewClaims([], at(31)))).toEqual([]);
    });

    it('records that a resource was unknown at Mangopay', async () => {
      const recorded = await record(hook('IDENTITY_VERIFICATION_VALIDATED', 'idnver_forged', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      await ok(inbox.markProcessed({ sequence, attempts: 0 }, { resource: 'idv-session', recordedEvents: 0, unknownAtMangopay: true }, at(1)));
      expect((await ok(inbox.get(sequence)))?.outcome).toEqual({ resource: 'idv-session', recordedEvents: 0, unknownAtMangopay: true });
    });

    it('schedules a retry: the failure is kept and the entry is claimable again from then', async () => {
      const recorded = await record(hook('KYC_FAILED', 'kyc_1', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      await claim(at(0));
      await ok(inbox.scheduleRetry({ sequence, attempts: 1 }, { type: 'RATE_LIMITED', message: 'Too many requests' }, at(20)));
      expect(await ok(inbox.get(sequence))).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: at(20).getTime(),
        lastFailure: { type: 'RATE_LIMITED', message: 'Too many requests' },
      });
      expect(await claim(at(19))).toEqual([]);
      expect((await claim(at(20)))[0]?.attempts).toBe(2);
    });

    it('parks an entry visibly and replays it with a fresh attempt budget; only parked entries replay', async () => {
      const recorded = await record(hook('KYC_FAILED', 'kyc_1', 1));
      const other = await record(hook('KYC_FAILED', 'kyc_2', 1));
      const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
      const otherSequence = other.kind === 'recorded' ? other.sequence : -1;
      await claim(at(0), 1);
      await ok(inbox.park({ sequence, attempts: 1 }, { type: 'MANGOPAY_RESPONSE_INVALID', message: 'unreadable' }, at(1)));
      expect((await ok(inbox.list({ status: 'parked' }))).map((e) => [e.sequence, e.lastFailure?.type, e.settledAt])).toEqual([
        [sequence, 'MANGOPAY_RESPONSE_INVALID', at(1).toISOString()],
      ]);
      expect(await claim(at(1000))).toHaveLength(1);
      expect(await ok(inbox.replay(otherSequence, at(2)))).toBe(false);
      expect(await ok(inbox.replay(sequence + otherSequence + 1000, at(2)))).toBe(false);
      expect(await ok(inbox.replay(sequence, at(2000)))).toBe(true);
      expect(await ok(inbox.get(sequence))).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(2000).getTime(), settledAt: null });
      expect(await ok(inbox.replay(sequence, at(2000)))).toBe(false);
      expect(await ok(inbox.list({ status: 'parked' }))).toEqual([]);
      const claimed = await claim(at(2000));
      expect(claimed.filter((e) => e.sequence === sequence).map((e) => e.attempts)).toEqual([1]);
    });

    it('purges processed and ignored entries settled before the cut-off, keeps parked, pending and later ones, and never reuses a sequence', async () => {
      const sequenceOf = (r: { readonly kind: string; readonly sequence?: number }) => r.sequence ?? -1;
      const processed = sequenceOf(await record(hook('KYC_SUCCEEDED', 'kyc_processed', 1)));
      const parked = sequenceOf(await record(hook('KYC_SUCCEEDED', 'kyc_parked', 1)));
      const recent = sequenceOf(await record(hook('KYC_SUCCEEDED', 'kyc_recent', 1)));
      const pending = sequenceOf(await record(hook('KYC_SUCCEEDED', 'kyc_pending', 1), 'pending', at(100)));
      const ignored = sequenceOf(await record(hook('PAYIN_NORMAL_SUCCEEDED', 'payin_1', 1), 'ignored', at(1)));
      const lateIgnored = sequenceOf(await record(hook('PAYIN_NORMAL_SUCCEEDED', 'payin_2', 1), 'ignored', at(10)));
      await claim(at(0), 3);
      const outcome = { resource: 'kyc-document', recordedEvents: 1, unknownAtMangopay: false } as const;
      await ok(inbox.markProcessed({ sequence: processed, attempts: 1 }, outcome, at(1)));
      await ok(inbox.park({ sequence: parked, attempts: 1 }, { type: 'MANGOPAY_RESPONSE_INVALID', message: 'unreadable' }, at(1)));
      await ok(inbox.markProcessed({ sequence: recent, attempts: 1 }, outcome, at(10)));

      expect(await ok(inbox.purgeSettled({ settledBefore: at(10), limit: 1 }))).toBe(1);
      expect(await ok(inbox.get(processed))).toBeUndefined();
      expect(await ok(inbox.purgeSettled({ settledBefore: at(10), limit: 100 }))).toBe(1);
      expect(await ok(inbox.purgeSettled({ settledBefore: at(10), limit: 100 }))).toBe(0);
      expect(await ok(inbox.get(ignored))).toBeUndefined();
      for (const kept of [parked, recent, pending, lateIgnored]) expect((await ok(inbox.get(kept)))?.sequence).toBe(kept);
      expect(await ok(inbox.countByStatus())).toEqual({ pending: 1, processed: 1, ignored: 1, parked: 1 });
      // A purged entry's notification, sent again, is a new entry with a new sequence.
      const again = sequenceOf(await record(hook('KYC_SUCCEEDED', 'kyc_processed', 1), 'pending', at(20)));
      expect(again).toBeGreaterThan(lateIgnored);
    });

    it('lists by status in sequence order, page by page', async () => {
      for (let i = 1; i <= 7; i++) await record(hook('USER_KYC_REGULAR', `user_${i}`, i), i % 2 === 0 ? 'ignored' : 'pending');
      const pending = await ok(inbox.list({ status: 'pending', limit: 2 }));
      expect(pending.map((e) => e.notification.resourceId)).toEqual(['user_1', 'user_3']);
      const next = await ok(inbox.list({ status: 'pending', afterSequence: pending[1]?.sequence ?? 0, limit: 2 }));
      expect(next.map((e) => e.notification.resourceId)).toEqual(['user_5', 'user_7']);
      expect((await ok(inbox.list({ status: 'ignored' }))).map((e) => e.notification.resourceId)).toEqual(['user_2', 'user_4', 'user_6']);
      expect(await ok(inbox.countByStatus())).toEqual({ pending: 4, processed: 0, ignored: 3, parked: 0 });
    });

    it('keeps the longest ids and the extreme dates exactly', async () => {
      const longId = `${'a'.repeat(250)}_.:-9`;
      for (const date of [0, 999_999_999_999_999]) {
        const recorded = await record(hook('IDENTITY_VERIFICATION_OUTDATED', longId, date));
        const sequence = recorded.kind === 'recorded' ? recorded.sequence : -1;
        expect((await ok(inbox.get(sequence)))?.notification).toEqual(hook('IDENTITY_VERIFICATION_OUTDATED', longId, date));
      }
    });
  });
};
