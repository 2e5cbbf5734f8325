import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorPlatformClient, type SimulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import { buildKycRuntime, startKycService, type KycRuntime, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import { reconcileHookResource } from '../../src/application/webhooks/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { ERASED } from '../../src/domain/shared/personal-data.js';
import { pageFile } from '../support/page-files.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { serviceCalls, settleSessionAtSimulator } from './support/platform-traffic.js';
import { localSimulatorCredentials } from '../support/local-simulator.js';

/**
 * After an erasure, through the whole service on SQLite: every event still decodes, the personal fields read
 * as the `Erased` marker in the resources and the audit timeline, the lists and the KYC level (which need no
 * personal data) still answer, re-reading Mangopay records nothing new, Mangopay's later outcomes are still
 * followed, and personal data that arrives after the erasure is not kept.
 */
const API_KEY = 'erasure-effects-key-0123456789abcdef0123456789';

describe('after a forced erasure, on SQLite', () => {
  const directory = temporaryDirectory('erasure-effects');
  const sqliteFile = join(directory.path, 'kyc.sqlite');
  const tag = randomBytes(5).toString('hex');
  const firstName = `Perpetua${tag}`;
  const lastName = `Quennell${tag}`;
  const agentOnSession = `Agent ${tag}: the selfie shows someone else`;
  const agentOnDocument = `Agent ${tag}: the bill is in another name`;
  const lateAgentNote = `Agent ${tag}: written after the erasure`;

  let runtime: KycRuntime;
  let service: RunningKycService;
  let simulator: SimulatorPlatformClient;
  let simulatorUrl: string;
  let api: ReturnType<typeof serviceCalls>;
  let userId: string;
  let rejectedId: string;
  let validatedId: string;
  let documentId: string;

  const versionOf = async (stream: string): Promise<number> => {
    const read = await runtime.core.store.readStream(stream)();
    if (E.isLeft(read)) throw new Error(read.left.message);
    return read.right.streamVersion;
  };
  const timelineText = (stream: string): Promise<string> => api.call('GET', `/audit/${stream}?format=text`);
  const refusedDocument = async (message: string): Promise<string> => {
    const document = await api.call('POST', `/users/${userId}/kyc/documents`, { Type: 'ADDRESS_PROOF' });
    await api.call('POST', `/users/${userId}/kyc/documents/${document.Id}/pages`, { File: pageFile('PDF', 4096) });
    await api.call('PUT', `/users/${userId}/kyc/documents/${document.Id}`, { Status: 'VALIDATION_ASKED' });
    await simulator.settleDocument(document.Id, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_DO_NOT_MATCH_USER_DATA', refusedReasonMessage: message });
    await api.waitFor(`/kyc/documents/${document.Id}`, 'REFUSED');
    return document.Id;
  };

  beforeAll(async () => {
    const built = await buildKycRuntime(serviceConfigForTests({ kind: 'sqlite', filename: sqliteFile }, directory.path, [API_KEY]))();
    if (E.isLeft(built)) throw new Error(built.left.message);
    runtime = built.right;
    service = await startKycService(runtime);
    simulatorUrl = runtime.mangopay.simulator?.baseUrl as string;
    simulator = simulatorPlatformClient(simulatorUrl, localSimulatorCredentials(runtime).clientId, localSimulatorCredentials(runtime).apiKey);
    api = serviceCalls(service.url, API_KEY);

    userId = await simulator.createNaturalOwner({ FirstName: firstName, LastName: lastName });
    const rejected = await api.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/return' });
    await settleSessionAtSimulator(simulatorUrl, localSimulatorCredentials(runtime), rejected.Id, {
      status: 'REJECTED',
      refusals: { IDENTITY_DOCUMENT_VERIFICATION: { reason: 'FACE_MATCH_FAIL', description: agentOnSession } },
    });
    await api.waitFor(`/identity-verifications/${rejected.Id}`, 'REJECTED');
    rejectedId = rejected.Id;
    const validated = await api.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/return' });
    await settleSessionAtSimulator(simulatorUrl, localSimulatorCredentials(runtime), validated.Id, { status: 'VALIDATED' });
    await api.waitFor(`/identity-verifications/${validated.Id}`, 'VALIDATED');
    validatedId = validated.Id;
    documentId = await refusedDocument(agentOnDocument);
    await runtime.refreshReadModel();
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    directory.remove();
  });

  it('before the erasure, the platform reads the personal values back', async () => {
    expect((await api.call('GET', `/users/${userId}/kyc`)).PersonalDataErasedAt).toBeNull();
    const session = await api.call('GET', `/identity-verifications/${rejectedId}`);
    expect(JSON.stringify(session)).toContain(firstName);
    expect(session.Checks.find((c: any) => c.Type === 'IDENTITY_DOCUMENT_VERIFICATION').RefusalDescription).toBe(agentOnSession);
    expect((await api.call('GET', `/kyc/documents/${documentId}`)).RefusedReasonMessage).toBe(agentOnDocument);
    expect(await timelineText(`KycDocument-${documentId}`)).toContain(agentOnDocument);
    expect(await timelineText(`IdvSession-${validatedId}`)).not.toContain('values erased');
  });

  it('a forced erasure is recorded, and every resource then shows the Erased marker where personal data was', async () => {
    const erased = await runtime.erase({
      commandId: `erase-effects-${tag}` as CommandId,
      userId: userId as MangopayId,
      erasedBy: 'dpo-7' as never,
      reason: 'GDPR art. 17 request, ticket 7' as never,
      force: true,
    })();
    expect(E.isRight(erased) && erased.right).toMatchObject({ recordedNow: true, key: { outcome: 'key-destroyed', storageScrubbed: true } });

    const rejected = await api.call('GET', `/identity-verifications/${rejectedId}`);
    expect(rejected.Status).toBe('REJECTED');
    for (const check of rejected.Checks) {
      // Types, statuses and reasons are not personal: they stay.
      expect(check.Status).toMatch(/VALIDATED|REFUSED/);
      for (const point of check.Data) expect(point.Value).toEqual(ERASED);
    }
    const refusedCheck = rejected.Checks.find((c: any) => c.Type === 'IDENTITY_DOCUMENT_VERIFICATION');
    expect(refusedCheck).toMatchObject({ Status: 'REFUSED', RefusalReason: 'FACE_MATCH_FAIL', RefusalDescription: ERASED });
    expect(JSON.stringify(rejected)).not.toContain(tag);

    const document = await api.call('GET', `/kyc/documents/${documentId}`);
    expect(document).toMatchObject({ Status: 'REFUSED', RefusedReasonType: 'DOCUMENT_DO_NOT_MATCH_USER_DATA', RefusedReasonMessage: ERASED });
    expect(document.Pages).toHaveLength(1);
  });

  it('the audit timeline says what was erased, by whom and why, and quotes nothing personal', async () => {
    const user = await timelineText(`UserKyc-${userId}`);
    expect(user).toMatch(/PERSONAL DATA ERASED \(FORCED, before the end of retention\) by dpo-7: "GDPR art. 17 request, ticket 7"/);
    expect(await timelineText(`IdvSession-${rejectedId}`)).toContain('values erased');
    expect(await timelineText(`IdvSession-${validatedId}`)).toContain('values erased');
    const document = await timelineText(`KycDocument-${documentId}`);
    expect(document).toContain('message erased');
    expect(document).not.toContain(tag);
  });

  it('the read model shows when the personal data was erased; its lists and KYC level need none and still answer', async () => {
    await runtime.refreshReadModel();
    const documents = await api.call('GET', `/users/${userId}/kyc/documents`);
    expect(documents.map((d: any) => [d.Id, d.Status])).toEqual([[documentId, 'REFUSED']]);
    const sessions = await api.call('GET', `/users/${userId}/identity-verifications?Sort=CreationDate:ASC`);
    expect(sessions.map((s: any) => s.Status).sort()).toEqual(['REJECTED', 'VALIDATED']);
    const level = await api.call('GET', `/users/${userId}/kyc`);
    expect(level).toMatchObject({ UserId: userId, PersonType: 'NATURAL', ValidatedIdvSessions: [validatedId], MissingForRegular: [] });
    expect(Math.abs(level.PersonalDataErasedAt - Date.now() / 1000)).toBeLessThan(120);
  });

  it('re-reading Mangopay after the erasure records nothing: erased values match what Mangopay still sends', async () => {
    const streams = [`IdvSession-${rejectedId}`, `IdvSession-${validatedId}`, `KycDocument-${documentId}`, `UserKyc-${userId}`];
    const before = await Promise.all(streams.map(versionOf));
    const reconcile = reconcileHookResource(runtime.core);
    const outcomes = [
      await reconcile('idv-session', rejectedId as MangopayId, `after-erasure-1-${tag}` as CommandId)(),
      await reconcile('idv-session', validatedId as MangopayId, `after-erasure-2-${tag}` as CommandId)(),
      await reconcile('kyc-document', documentId as MangopayId, `after-erasure-3-${tag}` as CommandId)(),
      await reconcile('user', userId as MangopayId, `after-erasure-4-${tag}` as CommandId)(),
    ];
    for (const outcome of outcomes) expect(E.isRight(outcome) && outcome.right.recordedEvents).toBe(0);
    expect(await Promise.all(streams.map(versionOf))).toEqual(before);
  });

  it("Mangopay's later outcomes are still followed, and personal data arriving after the erasure is not kept", async () => {
    await settleSessionAtSimulator(simulatorUrl, localSimulatorCredentials(runtime), validatedId, { status: 'OUTDATED' });
    const outdated = await api.waitFor(`/identity-verifications/${validatedId}`, 'OUTDATED');
    for (const check of outdated.Checks) {
      expect(check.RefusalReason).toBe('EXPIRED_CREDENTIALS');
      for (const point of check.Data) expect(point.Value).toEqual(ERASED);
    }

    const late = await refusedDocument(lateAgentNote);
    expect((await api.call('GET', `/kyc/documents/${late}`)).RefusedReasonMessage).toEqual(ERASED);
    const recorded = await runtime.core.store.readStream(`KycDocument-${late}`)();
    const refusal = E.isRight(recorded) ? recorded.right.events.find((e) => e.type === 'KycDocumentRefused') : undefined;
    // Not sealed with a new key: the marker itself is what the event holds.
    expect(refusal?.data['refusedReasonMessage']).toEqual(ERASED);

    const files = readdirSync(directory.path).filter((name) => name.startsWith('kyc.sqlite'));
    expect(files).toContain('kyc.sqlite-wal');
    for (const name of files) {
      const bytes = readFileSync(join(directory.path, name));
      for (const value of [firstName, lastName, agentOnSession, agentOnDocument, lateAgentNote]) expect(bytes.includes(Buffer.from(value)), `${value} in ${name}`).toBe(false);
    }
  });
});
