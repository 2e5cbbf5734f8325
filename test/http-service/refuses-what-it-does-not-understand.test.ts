import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageFile } from '../support/page-files.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';

/**
 * The REST API answers only the question it was asked: a field or query parameter a route does not take, a JSON
 * object with a key twice, are refused (400) with nothing done, where they used to be ignored (a mis-cased
 * `per_page` answered with 10 items, `{"Tag":"a","Tag":"b"}` stored "b"). Faults speak the wire's words: the field
 * as sent, the allowed values, never an internal type name; and they never echo a key that is not a near miss
 * of a known name (it may be a value sent in the wrong place).
 */
const KEY = 'strict-key-0123456789abcdef0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const INTERNAL_NAMES = /KycDocumentType|KycDocumentStatus|UnixTimestamp|MangopayId|Body\b|Query\b|\bstring\b|returnUrl/;

interface Refusal {
  readonly type: string;
  readonly message: string;
  readonly faults?: ReadonlyArray<{ readonly path: string; readonly rule: string }>;
}

describe('the REST API refuses what it does not understand', () => {
  let service: ServiceUnderTest;
  let userId: string;
  let documentId: string;

  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: string) => {
    const answer = await service.app.inject({
      method,
      url,
      headers: { ...auth, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: answer.statusCode, body: answer.json() as Refusal & ReadonlyArray<{ readonly Type: string }> };
  };
  const documentsOf = async (user: string) => ((await send('GET', `/kyc/documents?Per_Page=100`)).body as unknown as Array<{ UserId: string }>).filter((d) => d.UserId === user);

  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY] });
    userId = await service.platform.createNaturalOwner();
    const created = await send('POST', `/users/${userId}/kyc/documents`, JSON.stringify({ Type: 'IDENTITY_PROOF' }));
    expect(created.status).toBe(201);
    documentId = (created.body as unknown as { Id: string }).Id;
    expect((await send('POST', `/users/${userId}/kyc/documents`, JSON.stringify({ Type: 'ADDRESS_PROOF' }))).status).toBe(201);
  });
  afterAll(() => service.close());

  it('refuses a body field a route does not take, and records nothing', async () => {
    const before = await documentsOf(userId);
    const answer = await send('POST', `/users/${userId}/kyc/documents`, JSON.stringify({ Type: 'IDENTITY_PROOF', Tga: 'mine' }));
    expect(answer.status).toBe(400);
    expect(answer.body.faults).toEqual([{ path: 'Tga', rule: expect.stringContaining('did you mean Tag?') }]);
    expect(await documentsOf(userId)).toEqual(before);
  });

  it('counts, and never shows, a key that is not a near miss of a field (it may be a value in the wrong place)', async () => {
    const secret = 'sk_live_QWERTYUIOPASDFGHJKLZXCVB';
    const answer = await send('POST', `/users/${userId}/identity-verifications`, JSON.stringify({ ReturnUrl: 'https://platform.example/back', [secret]: 'x', 'Jean Dupont': 1 }));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).not.toContain(secret);
    expect(JSON.stringify(answer.body)).not.toContain('Dupont');
    expect(answer.body.faults).toEqual([{ path: '(2 other fields, not shown)', rule: 'not taken by this route; it takes ReturnUrl, Tag' }]);
  });

  it.each([
    ['/kyc/documents?per_page=2', 'per_page', 'Per_Page'],
    ['/kyc/documents?Staus=CREATED', 'Staus', 'Status'],
    [`/users/USER/kyc/documents?page=2`, 'page', 'Page'],
    [`/users/USER/identity-verifications?sort=CreationDate:ASC`, 'sort', 'Sort'],
  ])('refuses the mis-cased or misspelt query parameter of %s, naming the one it misses', async (url, sent, meant) => {
    const answer = await send('GET', url.replace('USER', userId));
    expect(answer.status).toBe(400);
    expect(answer.body.faults).toEqual([{ path: sent, rule: `not a query parameter of this route; did you mean ${meant}? Names are case-sensitive` }]);
  });

  it('refuses a query parameter on a route that takes none', async () => {
    for (const url of [`/kyc/documents/${documentId}?Page=1`, `/users/${userId}/kyc?x=1`]) {
      const answer = await send('GET', url);
      expect(answer.status).toBe(400);
      expect(answer.body.faults?.[0]?.rule).toBe('not taken by this route; it takes no query parameter');
    }
    const page = await send('POST', `/users/${userId}/kyc/documents/${documentId}/pages?File=x`, JSON.stringify({ File: pageFile('JPEG', 40 * 1024) }));
    expect(page.status).toBe(400);
  });

  it('filters a user\'s documents by Type, as seed 002 lists it (it was ignored)', async () => {
    const answer = await send('GET', `/users/${userId}/kyc/documents?Type=ADDRESS_PROOF`);
    expect(answer.status).toBe(200);
    expect(answer.body.map((document) => document.Type)).toEqual(['ADDRESS_PROOF']);
  });

  it.each([
    ['{"Type":"IDENTITY_PROOF","Type":"ADDRESS_PROOF"}'],
    ['{"Type":"IDENTITY_PROOF","\\u0054ype":"ADDRESS_PROOF"}'],
    ['{"Type":"IDENTITY_PROOF","Tag":"a", "Tag" :"b"}'],
  ])('refuses a JSON object with a key twice: %s', async (payload) => {
    const before = await documentsOf(userId);
    const answer = await send('POST', `/users/${userId}/kyc/documents`, payload);
    expect(answer).toEqual({ status: 400, body: { type: 'JSON_DUPLICATE_KEY', message: expect.stringContaining('same key twice') } });
    expect(await documentsOf(userId)).toEqual(before);
  });

  it('takes the same key in different objects, and a key-like text inside a string', async () => {
    const answer = await send('POST', `/users/${userId}/kyc/documents`, JSON.stringify({ Type: 'IDENTITY_PROOF', Tag: '"Type":"x"' }));
    expect(answer.status).toBe(201);
  });

  it.each([
    ['POST', '/users/USER/kyc/documents', '{"Type":"PASSPORT"}', 'Type', 'one of IDENTITY_PROOF, REGISTRATION_PROOF, ARTICLES_OF_ASSOCIATION, SHAREHOLDER_DECLARATION, ADDRESS_PROOF'],
    ['PUT', '/users/USER/kyc/documents/DOC', '{"Status":"VALIDATED"}', 'Status', 'VALIDATION_ASKED, the only status a platform asks for'],
    ['POST', '/users/USER/kyc/documents/DOC/pages', '{"File":3}', 'File', 'base64 text'],
    ['GET', '/kyc/documents?Sort=Date', undefined, 'Sort', 'one of CreationDate:ASC, CreationDate:DESC'],
    ['GET', '/kyc/documents?Type=PASSPORT', undefined, 'Type', 'comma-separated, each one of IDENTITY_PROOF, REGISTRATION_PROOF, ARTICLES_OF_ASSOCIATION, SHAREHOLDER_DECLARATION, ADDRESS_PROOF'],
    ['GET', '/kyc/documents?Status=DONE', undefined, 'Status', 'comma-separated, each one of CREATED, VALIDATION_ASKED, VALIDATED, REFUSED, OUT_OF_DATE'],
    ['GET', '/kyc/documents?AfterDate=yesterday', undefined, 'AfterDate', 'a Unix time in seconds, a whole number'],
    ['GET', '/kyc/documents?Per_Page=500', undefined, 'Per_Page', 'a whole number from 1 to 100'],
    ['GET', '/audit/KycDocument-DOC?format=html', undefined, 'format', 'one of text, json'],
  ] as const)('%s %s with %s: the fault names %s and the allowed values, in the wire\'s words', async (method, url, payload, path, rule) => {
    const answer = await send(method, url.replace('USER', userId).replace('DOC', documentId), payload);
    expect(answer.status).toBe(400);
    expect(answer.body.faults).toEqual([{ path, rule }]);
    expect(answer.body.message).not.toMatch(INTERNAL_NAMES);
    expect(answer.body.message).toContain(`${path} (${rule})`);
  });
});
