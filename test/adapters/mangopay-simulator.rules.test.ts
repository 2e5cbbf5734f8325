import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { MANGOPAY_ERROR_SHAPE, rawClient } from '../support/simulator-http.js';
import { userBody } from '../support/simulator-provider.js';

let simulator: MangopaySimulator;
let http: ReturnType<typeof rawClient>;
beforeEach(async () => {
  simulator = await startMangopaySimulator({ clientId: 'rules', apiKey: 'rules-key', pageRules: 'seed' });
  http = rawClient(simulator, 'rules', 'rules-key');
});
afterEach(() => simulator.close());

const KEY = () => ({ 'idempotency-key': crypto.randomUUID() });

const newUser = async (profile: Parameters<typeof userBody>[0] = { personType: 'NATURAL', userCategory: 'OWNER' }) => {
  const created = await http.call('POST', profile.personType === 'NATURAL' ? '/users/natural' : '/users/legal', userBody(profile));
  expect(created.status).toBe(200);
  return created.body.Id as string;
};

const newDocument = async (userId: string, type = 'IDENTITY_PROOF') => {
  const created = await http.call('POST', `/users/${userId}/kyc/documents`, { Type: type });
  expect(created.status).toBe(200);
  return created.body.Id as string;
};

/** A Mangopay-shaped refusal (400 param_error unless told) whose `errors` name the field and say why. */
const expectRefused = (answer: { status: number; body: any }, field: string, why: string, [status, type] = [400, 'param_error']) => {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ ...MANGOPAY_ERROR_SHAPE, Type: type });
  expect(answer.body.errors[field]).toContain(why);
};
const TOO_LARGE = [413, 'request_too_large'] as [number, string];
const UNSUPPORTED = [415, 'unsupported_media_type'] as [number, string];

describe('the page rules (the seed\'s here) and the other rules, as Mangopay-shaped refusals', () => {
  it('a page after submit', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    expect((await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PNG', 2048) })).status).toBe(204);
    expect((await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' })).body.Status).toBe('VALIDATION_ASKED');
    expectRefused(await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PNG', 2048) }), 'Status', 'only be added while the document is CREATED');
  });

  it('a submit with no page', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    expectRefused(await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' }), 'Status', 'at least one page');
  });

  it('a file too small, too big, of a wrong format, not base64, or with a data: prefix', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    const page = (File: string) => http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File });
    expectRefused(await page(pageFile('PNG', 1000)), 'File', 'at least 1 KB');
    expectRefused(await page('A'.repeat(10 * 1024 * 1024 + 4)), 'File', 'larger than 10 MB', TOO_LARGE);
    expectRefused(await page(pageFile('UNKNOWN', 4096)), 'File', 'PDF, JPEG, PNG, GIF', UNSUPPORTED);
    expectRefused(await page('not base64!'), 'File', 'not valid base64');
    expectRefused(await page(`data:image/png;base64,${pageFile('PNG', 2048)}`), 'File', 'data: URI');
  });

  it('under today\'s rules (the default) a GIF is refused, an identity proof under 32 KB too, and a sixth page', async () => {
    const strict = await startMangopaySimulator({ clientId: 'strict', apiKey: 'k' });
    try {
      const strictHttp = rawClient(strict, 'strict', 'k');
      const userId = (await strictHttp.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'OWNER' }))).body.Id;
      const documentId = (await strictHttp.call('POST', `/users/${userId}/kyc/documents`, { Type: 'ADDRESS_PROOF' })).body.Id;
      const page = (File: string) => strictHttp.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File });
      expectRefused(await page(pageFile('GIF', 4096)), 'File', 'PDF, JPEG, PNG', UNSUPPORTED);
      for (let i = 0; i < 5; i++) expect((await page(pageFile('PDF', 4096))).status).toBe(204);
      expectRefused(await page(pageFile('PDF', 4096)), 'File', 'at most 5 pages');
      const identityProof = (await strictHttp.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' })).body.Id;
      const idPage = (File: string) => strictHttp.call('POST', `/users/${userId}/kyc/documents/${identityProof}/pages`, { File });
      expectRefused(await idPage(pageFile('JPEG', 32 * 1024 - 1)), 'File', 'at least 32 KB');
      expect((await idPage(pageFile('JPEG', 32 * 1024))).status).toBe(204);
    } finally {
      await strict.close();
    }
  });

  it('a session for a PAYER, or for a PARTNERSHIP (an ORGANIZATION Owner may have one: hosted IDV guide)', async () => {
    const payer = await newUser({ personType: 'NATURAL', userCategory: 'PAYER' });
    const partnership = await newUser({ personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'OWNER' });
    const organization = await newUser({ personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'OWNER' });
    const start = (userId: string) => http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' });
    expectRefused(await start(payer), 'UserCategory', 'Only an OWNER');
    expectRefused(await start(partnership), 'LegalPersonType', 'PARTNERSHIP');
    expect((await start(organization)).status).toBe(200);
  });

  it('a ReturnUrl that is not an absolute https URL', async () => {
    const userId = await newUser();
    const answer = await http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'http://platform.example/back' });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['ReturnUrl']);
  });

  it('an unknown user, document, session or hook: 404 ressource_not_found', async () => {
    for (const [method, path, body] of [
      ['GET', '/users/user_m_nobody'],
      ['POST', '/users/user_m_nobody/kyc/documents', { Type: 'IDENTITY_PROOF' }],
      ['POST', '/users/user_m_nobody/identity-verifications', { ReturnUrl: 'https://platform.example/back' }],
      ['GET', '/kyc/documents/kycdoc_none'],
      ['GET', '/identity-verifications/idnver_none'],
      ['GET', '/hooks/hook_none'],
    ] as const) {
      const answer = await http.call(method, path, body);
      expect(answer.status, path).toBe(404);
      expect(answer.body).toMatchObject({ ...MANGOPAY_ERROR_SHAPE, Type: 'ressource_not_found' });
    }
  });

  it('a malformed body: not JSON, not an object, a missing or wrong field', async () => {
    const userId = await newUser();
    const notJson = await http.call('POST', `/users/${userId}/kyc/documents`, '{"Type": ');
    expect(notJson).toMatchObject({ status: 400, body: { Type: 'param_error', errors: { body: expect.any(String) } } });
    expect((await http.call('POST', `/users/${userId}/kyc/documents`, '[1,2]')).status).toBe(400);
    const missing = await http.call('POST', `/users/${userId}/kyc/documents`, { Tag: 'x' });
    expect(missing.body.errors).toEqual({ Type: 'The Type field is required.' });
    const wrong = await http.call('POST', '/users/natural', { ...userBody({ personType: 'NATURAL', userCategory: 'OWNER' }), Nationality: 'FRA', Email: 'secret-value' });
    expect(Object.keys(wrong.body.errors).sort()).toEqual(['Email', 'Nationality']);
    expect(JSON.stringify(wrong.body)).not.toContain('secret-value');
  });

  it('an Owner without what Mangopay asks of one is refused', async () => {
    const { Birthday: _birthday, ...withoutBirthday } = userBody({ personType: 'NATURAL', userCategory: 'OWNER' });
    const answer = await http.call('POST', '/users/natural', withoutBirthday);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['Birthday']);
  });
});

describe('speaking as Mangopay does', () => {
  it("matches paths case-insensitively and ignores trailing slashes (the SDK's /KYC/documents/)", async () => {
    const userId = await newUser();
    const created = await http.call('POST', `/users/${userId}/KYC/documents/`, { Type: 'IDENTITY_PROOF' });
    expect(created.status).toBe(200);
    expect((await http.call('GET', `/KYC/Documents/${created.body.Id}/`)).body.Id).toBe(created.body.Id);
    expect((await http.call('GET', `/Users/Natural/${userId}`)).body.Id).toBe(userId);
  });

  it('a natural user is not found under /users/legal/{Id}', async () => {
    const userId = await newUser();
    expect((await http.call('GET', `/users/legal/${userId}`)).status).toBe(404);
  });

  it('lists carry x-number-of-items and x-number-of-pages', async () => {
    const userId = await newUser();
    for (let i = 0; i < 3; i++) await newDocument(userId);
    const listed = await http.call('GET', `/users/${userId}/kyc/documents?page=2&per_page=2&Sort=CreationDate:DESC`);
    expect(listed.headers.get('x-number-of-items')).toBe('3');
    expect(listed.headers.get('x-number-of-pages')).toBe('2');
    expect(listed.body).toHaveLength(1);
    expect((await http.call('GET', '/kyc/documents?Per_Page=101')).status).toBe(400);
  });

  it('Idempotency-Key: any reuse is 409 (same request or not), and responses/{key} gives the first answer', async () => {
    const userId = await newUser();
    const headers = KEY();
    const first = await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: 'a' }, headers);
    const conflict = { status: 409, body: { ...MANGOPAY_ERROR_SHAPE, Type: 'idempotent_creation_conflict', Message: 'A resource has already been created with this Idempotency Key', errors: null } };
    expect(await http.call('POST', `/users/${userId}/kyc/documents`, { Tag: 'a', Type: 'IDENTITY_PROOF' }, headers)).toMatchObject(conflict);
    expect(await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'ADDRESS_PROOF' }, headers)).toMatchObject(conflict);
    expect((await http.call('GET', `/users/${userId}/kyc/documents`)).headers.get('x-number-of-items')).toBe('1');
    const original = await http.call('GET', `/responses/${headers['idempotency-key']}`);
    expect(original.status).toBe(200);
    expect(original.body).toEqual({
      StatusCode: '200',
      ContentLength: String(Buffer.byteLength(JSON.stringify(first.body))),
      ContentType: 'application/json; charset=utf-8',
      Date: expect.stringMatching(/GMT$/),
      RequestURL: `${simulator.baseUrl}/v2.01/rules/users/${userId}/kyc/documents`,
      Resource: first.body,
    });
  });

  it('Idempotency-Key: a key first used on a refused request is blocked too, and its answer is the refusal', async () => {
    const userId = await newUser();
    const headers = KEY();
    const refused = await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'NOT_A_TYPE' }, headers);
    expect(refused.status).toBe(400);
    expect((await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' }, headers)).status).toBe(409);
    expect((await http.call('GET', `/responses/${headers['idempotency-key']}`)).body).toMatchObject({ StatusCode: '400', Resource: refused.body });
  });

  it('Idempotency-Key: outside 16 to 36 letters, digits or dashes it is refused, naming the header; an unknown key has no response', async () => {
    const userId = await newUser();
    for (const key of ['short', 'x'.repeat(37), 'has_underscore_0123456789']) {
      const answer = await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' }, { 'idempotency-key': key });
      expectRefused(answer, 'Idempotency-Key', '16 to 36');
      expect(JSON.stringify(answer.body)).not.toContain(key);
    }
    expect((await http.call('GET', `/users/${userId}/kyc/documents`)).headers.get('x-number-of-items')).toBe('0');
    expect((await http.call('GET', '/responses/short')).status).toBe(400);
    expect((await http.call('GET', `/responses/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('no token, or a token of nobody: 401', async () => {
    const response = await fetch(`${simulator.baseUrl}/v2.01/rules/users/user_m_x`, { headers: { authorization: 'Bearer forged' } });
    expect(response.status).toBe(401);
    const wrongClient = await fetch(`${simulator.baseUrl}/v2.01/other-client/users/user_m_x`);
    expect(wrongClient.status).toBe(401);
  });

  it("today's session words on the wire; checks both inline and at .../checks", async () => {
    const userId = await newUser();
    const session = await http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back', Tag: 't' });
    expect(session.body).toMatchObject({ Status: 'PENDING', Checks: [], HostedUrl: expect.stringContaining('/_hosted/idv/') });
    simulator.control.settleSession(session.body.Id, { status: 'REJECTED', refusals: { IDENTITY_DOCUMENT_VERIFICATION: { reason: 'DOCUMENT_FALSIFIED', description: 'edited' } } });
    const viewed = await http.call('GET', `/identity-verifications/${session.body.Id}`);
    expect(viewed.body.Status).toBe('REFUSED');
    const checks = await http.call('GET', `/identity-verifications/${session.body.Id}/checks`);
    expect(checks.body).toMatchObject({ SessionId: session.body.Id, Status: 'REFUSED' });
    expect(checks.body.Checks[0]).toMatchObject({ Type: 'IDENTITY_DOCUMENT_VERIFICATION', CheckStatus: 'REFUSED', Reasons: [{ Type: 'DOCUMENT_FALSIFIED', Value: 'edited' }] });
  });

  it('a refusal reason is accepted only for the check types the glossary lists it under', async () => {
    const userId = await newUser({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' });
    const session = await http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' });
    const wrong = simulator.control.settleSession(session.body.Id, { status: 'REJECTED', refusals: { BUSINESS_VERIFICATION: { reason: 'FACE_MATCH_FAIL' } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ Type: 'param_error', errors: { refusals: expect.stringContaining('not one Mangopay lists for the BUSINESS_VERIFICATION check') } });
    expect((await http.call('GET', `/identity-verifications/${session.body.Id}`)).body.Status).toBe('PENDING');
  });
});

describe('the control API over HTTP', () => {
  it('settles a document and a session, refuses what no step allows, and needs the client credentials', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('JPEG', 4096) });
    expect((await http.control('POST', `/kyc-documents/${documentId}/settle`, { status: 'VALIDATED' })).status).toBe(409);
    await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' });
    const refused = await http.control('POST', `/kyc-documents/${documentId}/settle`, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_HAS_EXPIRED', refusedReasonMessage: 'Expired in 2020' });
    expect(refused.body).toMatchObject({ Status: 'REFUSED', RefusedReasonType: 'DOCUMENT_HAS_EXPIRED', RefusedReasonMessage: 'Expired in 2020', ProcessedDate: expect.any(Number) });
    expect((await http.control('POST', `/kyc-documents/${documentId}/settle`, { status: 'MAYBE' })).status).toBe(400);

    const session = await http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' });
    expect((await http.control('POST', `/identity-verifications/${session.body.Id}/settle`, { status: 'TIMEOUT' })).body.Status).toBe('EXPIRED');

    const anonymous = await fetch(`${simulator.baseUrl}/_simulator/hook-deliveries`);
    expect(anonymous.status).toBe(401);
    expect((await http.control('GET', '/hook-deliveries')).body).toEqual([]);
  });
});
