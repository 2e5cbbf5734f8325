import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import { findResourcesToSweep, processInbox, receiveHook, reconcileSweep } from '../../src/application/webhooks/index.js';
import { allEvents, coreWith } from './support/core-with.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';
import { identityProof, idvSession, naturalOwner } from './support/mangopay-views.js';
import { scriptedMangopay } from './support/scripted-mangopay.js';

const unavailable = { type: 'MANGOPAY_UNAVAILABLE', message: 'Mangopay did not answer', reason: 'timeout', status: null, attempts: 4 } as const;

/** Local state built the way it is in production: from hooks, processed. */
const seeded = async () => {
  const clock = fixedClock();
  const mangopay = scriptedMangopay();
  const core = coreWith(mangopay.api, clock);
  const inbox = createInMemoryWebhookInbox();
  mangopay.users.set('user_1', naturalOwner('user_1'));
  const documents = { kyc_created: 'CREATED', kyc_asked: 'VALIDATION_ASKED', kyc_refused: 'REFUSED', kyc_validated: 'VALIDATED' } as const;
  for (const [id, status] of Object.entries(documents)) mangopay.documents.set(id, identityProof(id, 'user_1', status));
  mangopay.sessions.set('idnver_pending', idvSession('idnver_pending', 'user_1', 'PENDING'));
  mangopay.sessions.set('idnver_rejected', idvSession('idnver_rejected', 'user_1', 'REJECTED'));
  let date = 0;
  for (const id of Object.keys(documents)) await ok(receiveHook({ inbox, clock })({ EventType: 'KYC_CREATED', RessourceId: id, Date: String(++date) }));
  for (const id of ['idnver_pending', 'idnver_rejected']) {
    await ok(receiveHook({ inbox, clock })({ EventType: 'IDENTITY_VERIFICATION_PENDING', RessourceId: id, Date: String(++date) }));
  }
  await ok(processInbox({ core, inbox, clock }));
  for (const calls of Object.values(mangopay.calls)) calls.splice(0);
  return { clock, mangopay, core };
};

describe('reconcile sweep', () => {
  it('finds the documents and sessions that can still change, and every user, from the log alone', async () => {
    const { core } = await seeded();
    const found = await ok(findResourcesToSweep(core, 3));
    expect([...found.documents].sort()).toEqual(['kyc_asked', 'kyc_created', 'kyc_validated']);
    expect(found.sessions).toEqual(['idnver_pending']);
    expect(found.users).toEqual(['user_1']);
  });

  it('polls Mangopay for what is not final and catches up with what no hook announced', async () => {
    const { mangopay, core } = await seeded();
    mangopay.documents.set('kyc_created', identityProof('kyc_created', 'user_1', 'VALIDATION_ASKED'));
    mangopay.documents.set('kyc_asked', identityProof('kyc_asked', 'user_1', 'VALIDATED'));
    mangopay.documents.set('kyc_validated', identityProof('kyc_validated', 'user_1', 'OUT_OF_DATE'));
    mangopay.sessions.set('idnver_pending', idvSession('idnver_pending', 'user_1', 'VALIDATED'));
    mangopay.users.set('user_1', naturalOwner('user_1', 'REGULAR'));

    const progress: Array<{ resource: string; done: number; of: number }> = [];
    const report = await ok(reconcileSweep(core)({ sweepId: 'sweep-1', onProgress: (p) => void progress.push(p) }));
    // Told after every resource, in order: a long sweep can say where it is.
    expect(progress.map((p) => `${p.resource} ${p.done}/${p.of}`)).toEqual(['kyc-document 1/3', 'kyc-document 2/3', 'kyc-document 3/3', 'idv-session 1/1', 'user 1/1']);
    expect(report).toEqual({
      documents: { checked: 3, recordedEvents: 5, unknownAtMangopay: 0 },
      sessions: { checked: 1, recordedEvents: 2, unknownAtMangopay: 0 },
      users: { checked: 1, recordedEvents: 1, unknownAtMangopay: 0 },
      failures: [],
    });
    expect([...mangopay.calls.viewKycDocument].sort()).toEqual(['kyc_asked', 'kyc_created', 'kyc_validated']);
    expect(mangopay.calls.viewIdvSession).toEqual(['idnver_pending']);
    const types = (stream: string) => allEvents(core.store).then((events) => events.filter((e) => e.streamName === stream).map((e) => e.type));
    expect(await types('KycDocument-kyc_created')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted']);
    expect(await types('KycDocument-kyc_validated')).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentValidated', 'KycDocumentOutOfDate']);
    expect(await types('UserKyc-user_1')).toEqual([
      'UserRegistered',
      'UserKycDocumentValidated',
      'UserKycDocumentValidated',
      'UserKycDocumentExpired',
      'UserIdvSessionValidated',
      'UserKycLevelChanged',
    ]);

    const before = await allEvents(core.store);
    const rerun = await ok(reconcileSweep(core)({ sweepId: 'sweep-1' }));
    const fresh = await ok(reconcileSweep(core)({ sweepId: 'sweep-2', includeUsers: false }));
    expect([rerun, fresh].map((r) => r.documents.recordedEvents + r.sessions.recordedEvents + r.users.recordedEvents)).toEqual([0, 0]);
    expect(fresh.users.checked).toBe(0);
    expect(await allEvents(core.store)).toEqual(before);
  });

  it('reports a resource it could not reconcile and goes on with the others; one Mangopay no longer knows is counted', async () => {
    const { mangopay, core } = await seeded();
    mangopay.failNext('viewKycDocument', unavailable);
    mangopay.documents.set('kyc_asked', identityProof('kyc_asked', 'user_1', 'VALIDATED'));
    mangopay.sessions.delete('idnver_pending');
    const report = await ok(reconcileSweep(core)({ sweepId: 'sweep-3' }));
    expect(report.failures).toEqual([{ resource: 'kyc-document', id: 'kyc_created', type: 'MANGOPAY_UNAVAILABLE', message: unavailable.message }]);
    expect(report.documents).toEqual({ checked: 3, recordedEvents: 2, unknownAtMangopay: 0 });
    expect(report.sessions).toEqual({ checked: 1, recordedEvents: 0, unknownAtMangopay: 1 });
  });
});
