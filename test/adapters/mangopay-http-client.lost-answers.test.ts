import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { idempotencyKeyFor, type MangopayApi } from '../../src/application/ports/mangopay-api.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { userBody } from '../support/simulator-provider.js';

/**
 * Answers lost after Mangopay acted: the first answer to every POST carrying an Idempotency-Key reaches the
 * network and is then cut before the client reads it. The client sends the request again with the same key,
 * Mangopay blocks the reuse with a 409 (as it documents), and the client reads the first answer back from
 * GET responses/{key}: each call is answered as Mangopay first answered it, and Mangopay did the work once. (A
 * submission is a PUT, which Mangopay does not make idempotent: test/webhooks/submission-hook-race.test.ts.)
 * Source: https://docs.mangopay.com/guide/idempotency-support ("idempotency for all POST calls"; 409 on reuse).
 */
describe('the Mangopay client when an answer is lost after Mangopay acted', () => {
  let simulator: MangopaySimulator;
  let client: MangopayApi;
  const answered: Array<{ readonly method: string; readonly path: string; readonly status: number }> = [];
  const cut = new Set<string>();
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'lost', apiKey: 'lost-key', pageRules: 'seed' });
    const losingFetch: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const key = headers.get('idempotency-key');
      const response = await fetch(input, init);
      answered.push({ method: init?.method ?? 'GET', path: url.pathname, status: response.status });
      if (key !== null && !cut.has(key)) {
        cut.add(key);
        await response.arrayBuffer();
        throw new TypeError('fetch failed: the connection was reset before the answer was read');
      }
      return response;
    };
    client = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'lost', apiKey: 'lost-key', fetch: losingFetch, sleep: async () => undefined });
  });
  afterAll(() => simulator.close());

  const done = (method: string, ending: string) => answered.filter((a) => a.method === method && a.path.endsWith(ending) && a.status < 300).length;
  const user = (): MangopayId => (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;

  it('creating a document and adding a page (POST calls, which Mangopay makes idempotent): each answered as first answered, each done once', async () => {
    const userId = user();
    const created = await client.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, idempotencyKeyFor('lost-create' as CommandId, 'create-kyc-document'))();
    if (E.isLeft(created)) throw new Error(`create: ${created.left.type} ${created.left.message}`);
    const documentId = created.right.id;
    expect(done('POST', `/users/${userId}/kyc/documents`)).toBe(1);

    const paged = await client.addKycPage({ userId, documentId, file: pageFile('PDF', 40 * 1024) }, idempotencyKeyFor('lost-page' as CommandId, 'add-kyc-page'))();
    expect(paged).toEqual(E.right(undefined));
    expect(done('POST', `/kyc/documents/${documentId}/pages`)).toBe(1);


    const listed = await client.listUserKycDocuments(userId)();
    expect(E.isRight(listed) && listed.right.items.map((document) => document.id)).toEqual([documentId]);
  });

  it('starting an IDV session: answered with the session Mangopay created, one session at Mangopay', async () => {
    const userId = user();
    const returnUrl = 'https://platform.example/back' as HttpsUrl;
    const started = await client.createIdvSession({ userId, returnUrl }, idempotencyKeyFor('lost-session' as CommandId, 'create-idv-session'))();
    if (E.isLeft(started)) throw new Error(`start: ${started.left.type} ${started.left.message}`);
    expect(done('POST', `/users/${userId}/identity-verifications`)).toBe(1);
    const listed = await client.listUserIdvSessions?.(userId)();
    if (listed !== undefined) expect(E.isRight(listed) && listed.right.items.map((session) => session.id)).toEqual([started.right.id]);
  });

  it('a key reused for another request stays a refusal, never answered with the other request\'s resource', async () => {
    const userId = user();
    const key = idempotencyKeyFor('lost-reused' as CommandId, 'create-kyc-document');
    expect(E.isRight(await client.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, key)())).toBe(true);
    const other = await client.createKycDocument({ userId, type: 'ADDRESS_PROOF' }, key)();
    expect(other).toMatchObject({ _tag: 'Left', left: { type: 'IDEMPOTENCY_KEY_REUSED' } });
  });
});
