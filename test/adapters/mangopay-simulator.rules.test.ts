import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY } from '../../src/domain/kyc-document/index.js';
import { pageFile } from '../support/page-files.js';
import { MANGOPAY_ERROR_SHAPE, rawClient } from '../support/simulator-http.js';
import { userBody } from '../support/simulator-provider.js';

let simulator: MangopaySimulator;
let http: ReturnType<typeof rawClient>;
beforeEach(async () => {
  simulator = await startMangopaySimulator({ clientId: 'rules', apiKey: 'rules-key' });
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

/** A Mangopay-shaped 400 whose `errors` name the field and the domain's rule. */
const expectRefused = (answer: { status: number; body: any }, field: string, code: string) => {
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ ...MANGOPAY_ERROR_SHAPE, Type: 'param_error' });
  expect(answer.body.errors[field]).toContain(code);
};

describe('the seed rules, as Mangopay-shaped 400s', () => {
  it('a page after submit', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    expect((await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PNG', 2048) })).status).toBe(204);
    expect((await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' })).body.Status).toBe('VALIDATION_ASKED');
    expectRefused(await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PNG', 2048) }), 'Status', 'PAGES_ONLY_WHILE_CREATED');
  });

  it('a submit with no page', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    expectRefused(await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' }), 'Status', 'SUBMIT_NEEDS_A_PAGE');
  });

  it('a file too small, too big, of a wrong format, not base64, or with a data: prefix', async () => {
    const userId = await newUser();
    const documentId = await newDocument(userId);
    const page = (File: string) => http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File });
    expectRefused(await page(pageFile('PNG', 1000)), 'File', 'PAGE_TOO_SMALL');
    expectRefused(await page('A'.repeat(10 * 1024 * 1024 + 4)), 'File', 'PAGE_TOO_LARGE');
    expectRefused(await page(pageFile('UNKNOWN', 4096)), 'File', 'PAGE_FORMAT_NOT_ACCEPTED');
    expectRefused(await page('not base64!'), 'File', 'PAGE_INVALID_BASE64');
    expectRefused(await page(`data:image/png;base64,${pageFile('PNG', 2048)}`), 'File', 'PAGE_DATA_URI_PREFIX');
  });

  it('a page policy is the decider\'s: under today\'s rules a GIF is refused and a sixth page too', async () => {
    const strict = await startMangopaySimulator({ clientId: 'strict', apiKey: 'k', pagePolicy: CURRENT_MANGOPAY_PAGE_POLICY });
    try {
      const strictHttp = rawClient(strict, 'strict', 'k');
      const userId = (await strictHttp.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'OWNER' }))).body.Id;
      const documentId = (await strictHttp.call('POST', `/users/${userId}/kyc/documents`, { Type: 'ADDRESS_PROOF' })).body.Id;
      const page = (File: string) => strictHttp.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File });
      expectRefused(await page(pageFile('GIF', 4096)), 'File', 'PAGE_FORMAT_NOT_ACCEPTED');
      for (let i = 0; i < 5; i++) expect((await page(pageFile('PDF', 4096))).status).toBe(204);
      expectRefused(await page(pageFile('PDF', 4096)), 'File', 'TOO_MANY_PAGES');
    } finally {
      await strict.close();
    }
  });

  it('a session for a PAYER, or for an ORGANIZATION', async () => {
    const payer = await newUser({ personType: 'NATURAL', userCategory: 'PAYER' });
    const organization = await newUser({ personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'OWNER' });
    const start = (userId: string) => http.call('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' });
    expectRefused(await start(payer), 'UserCategory', 'IDV_USER_NOT_OWNER');
    expectRefused(await start(organization), 'LegalPersonType', 'IDV_USER_TYPE_NOT_ELIGIBLE');
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
    const wrong = await http.call('POST', '/users/natural', { ...userBody({ personType: 'NATURAL', userCategory: 'OWNER' }), Nationality: 'XX', Email: 'secret-value' });
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

  it('Idempotency-Key: the same request replays the first answer; another request with it is 409', async () => {
    const userId = await newUser();
    const headers = KEY();
    const first = await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: 'a' }, headers);
    const replay = await http.call('POST', `/users/${userId}/kyc/documents`, { Tag: 'a', Type: 'IDENTITY_PROOF' }, headers);
    expect(replay.body).toEqual(first.body);
    const other = await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'ADDRESS_PROOF' }, headers);
    expect(other).toMatchObject({ status: 409, body: { ...MANGOPAY_ERROR_SHAPE, Type: 'idempotent_creation_conflict' } });
    expect((await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' }, { 'idempotency-key': 'short' })).status).toBe(400);
    expect((await http.call('GET', `/users/${userId}/kyc/documents`)).headers.get('x-number-of-items')).toBe('1');
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
    expect(JSON.stringify(wrong.body)).toContain('IDV_CHECKS_BREAK_RULES');
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
