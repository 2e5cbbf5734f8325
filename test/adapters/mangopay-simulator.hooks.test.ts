import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { rawClient } from '../support/simulator-http.js';
import { userBody } from '../support/simulator-provider.js';

interface Received {
  readonly path: string;
  readonly query: URLSearchParams;
}

/** A platform's webhook endpoint: records each GET; answers 500 to the first `failures` calls. */
const receiver = async (failures = 0) => {
  const received: Received[] = [];
  let calls = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    received.push({ path: url.pathname, query: url.searchParams });
    calls++;
    response.writeHead(calls <= failures ? 500 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mangopay/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setup = async (failures = 0, hookAttempts = 4) => {
  const hooks = await receiver(failures);
  cleanups.push(hooks.close);
  const simulator: MangopaySimulator = await startMangopaySimulator({ clientId: 'hooks', apiKey: 'hooks-key', hookAttempts, hookRetryDelayMs: 5 });
  cleanups.push(simulator.close);
  const http = rawClient(simulator, 'hooks', 'hooks-key');
  return { hooks, simulator, http };
};

describe('hook deliveries', () => {
  it('GET <Url>?EventType=…&RessourceId=…&Date=… for each registered event of a document, and USER_KYC_REGULAR', async () => {
    const { hooks, simulator, http } = await setup();
    for (const EventType of ['KYC_CREATED', 'KYC_VALIDATION_ASKED', 'KYC_SUCCEEDED', 'USER_KYC_REGULAR']) {
      expect((await http.call('POST', '/hooks', { EventType, Url: hooks.url })).status).toBe(200);
    }
    const userId = (await http.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'OWNER' }))).body.Id;
    const documentId = (await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' })).body.Id;
    await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PDF', 40_000) });
    await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' });
    simulator.control.settleDocument(documentId, { status: 'VALIDATED' });
    await simulator.control.hookDeliveriesSettled();

    const seen = hooks.received.map(({ path, query }) => [path, query.get('EventType'), query.get('RessourceId')]);
    expect(seen).toEqual([
      ['/mangopay/hooks', 'KYC_CREATED', documentId],
      ['/mangopay/hooks', 'KYC_VALIDATION_ASKED', documentId],
      ['/mangopay/hooks', 'KYC_SUCCEEDED', documentId],
      ['/mangopay/hooks', 'USER_KYC_REGULAR', userId],
    ]);
    expect(hooks.received.every(({ query }) => /^\d+$/.test(query.get('Date') ?? ''))).toBe(true);
    expect(simulator.control.hookDeliveries().map((delivery) => delivery.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('IDV sessions: VALIDATED, FAILED for a refusal, INCONCLUSIVE for a review; disabled hooks are quiet', async () => {
    const { hooks, simulator, http } = await setup();
    const ids: Record<string, string> = {};
    for (const EventType of ['IDENTITY_VERIFICATION_VALIDATED', 'IDENTITY_VERIFICATION_FAILED', 'IDENTITY_VERIFICATION_INCONCLUSIVE', 'USER_KYC_REGULAR']) {
      ids[EventType] = (await http.call('POST', '/hooks', { EventType, Url: hooks.url })).body.Id;
    }
    await http.call('PUT', `/hooks/${ids['USER_KYC_REGULAR']}`, { Status: 'DISABLED' });
    const userId = (await http.call('POST', '/users/legal', userBody({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }))).body.Id;
    const session = async () => (await http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' })).body.Id as string;
    const [refused, reviewed] = [await session(), await session()];
    simulator.control.settleSession(refused, { status: 'REJECTED', refusals: { PERSONS_SIGNIFICANT_CONTROL: { reason: 'PSC_MATCH_FAIL' } } });
    simulator.control.settleSession(reviewed, { status: 'REVIEW' });
    simulator.control.settleSession(reviewed, { status: 'VALIDATED' });
    await simulator.control.hookDeliveriesSettled();
    expect(hooks.received.map(({ query }) => [query.get('EventType'), query.get('RessourceId')])).toEqual([
      ['IDENTITY_VERIFICATION_FAILED', refused],
      ['IDENTITY_VERIFICATION_INCONCLUSIVE', reviewed],
      ['IDENTITY_VERIFICATION_VALIDATED', reviewed],
    ]);
    expect((await http.call('GET', `/users/${userId}`)).body.KYCLevel).toBe('REGULAR');
  });

  // No page documents a hook for EXPIRED; Mangopay's Node SDK names IDENTITY_VERIFICATION_TIMEOUT. Before, the
  // simulator sent IDENTITY_VERIFICATION_FAILED, as for a refusal: a platform could not tell the two apart.
  it('an expired session sends IDENTITY_VERIFICATION_TIMEOUT, not FAILED; the seed-only ERROR sends FAILED', async () => {
    const { hooks, simulator, http } = await setup();
    for (const EventType of ['IDENTITY_VERIFICATION_TIMEOUT', 'IDENTITY_VERIFICATION_FAILED', 'IDENTITY_VERIFICATION_PENDING']) {
      expect((await http.call('POST', '/hooks', { EventType, Url: hooks.url })).status).toBe(200);
    }
    const userId = (await http.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'OWNER' }))).body.Id;
    const session = async () => (await http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' })).body.Id as string;
    const [expired, errored] = [await session(), await session()];
    simulator.control.settleSession(expired, { status: 'EXPIRED' });
    simulator.control.settleSession(errored, { status: 'ERROR' });
    await simulator.control.hookDeliveriesSettled();
    expect(hooks.received.map(({ query }) => [query.get('EventType'), query.get('RessourceId')])).toEqual([
      ['IDENTITY_VERIFICATION_TIMEOUT', expired],
      ['IDENTITY_VERIFICATION_FAILED', errored],
    ]);
  });

  it('a failing endpoint is retried until it answers 2xx', async () => {
    const { hooks, simulator, http } = await setup(2);
    await http.call('POST', '/hooks', { EventType: 'KYC_CREATED', Url: hooks.url });
    const userId = (await http.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'PAYER' }))).body.Id;
    await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' });
    await simulator.control.hookDeliveriesSettled();
    expect(hooks.received).toHaveLength(3);
    expect(simulator.control.hookDeliveries()).toMatchObject([{ eventType: 'KYC_CREATED', attempts: 3, outcome: 'delivered', lastStatus: 200 }]);
  });

  it('retries are bounded: an endpoint that keeps failing is given up on', async () => {
    const { hooks, simulator, http } = await setup(1000, 3);
    await http.call('POST', '/hooks', { EventType: 'KYC_CREATED', Url: hooks.url });
    const userId = (await http.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'PAYER' }))).body.Id;
    await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' });
    await simulator.control.hookDeliveriesSettled();
    expect(hooks.received).toHaveLength(3);
    expect(simulator.control.hookDeliveries()).toMatchObject([{ attempts: 3, outcome: 'failed', lastStatus: 500 }]);
    expect((await http.control('GET', '/hook-deliveries')).body).toMatchObject([{ outcome: 'failed' }]);
  });
});
