import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { MANGOPAY_ERROR_SHAPE, rawClient } from '../support/simulator-http.js';
import { uboBody, userBody } from '../support/simulator-provider.js';

let simulator: MangopaySimulator;
let http: ReturnType<typeof rawClient>;
let hooks: { url: string; received: URLSearchParams[]; close: () => Promise<void> };

/** A platform's webhook endpoint recording each call's query. */
const receiver = async () => {
  const received: URLSearchParams[] = [];
  const server: Server = createServer((request, response) => {
    received.push(new URL(request.url ?? '/', 'http://receiver').searchParams);
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

beforeEach(async () => {
  hooks = await receiver();
  simulator = await startMangopaySimulator({ clientId: 'ubo', apiKey: 'ubo-key', pageRules: 'seed', hookRetryDelayMs: 5 });
  http = rawClient(simulator, 'ubo', 'ubo-key');
});
afterEach(async () => {
  await simulator.close();
  await hooks.close();
});

const newUser = async (profile: Parameters<typeof userBody>[0]) => {
  const created = await http.call('POST', profile.personType === 'NATURAL' ? '/users/natural' : '/users/legal', userBody(profile));
  expect(created.status).toBe(200);
  return created.body.Id as string;
};
const business = () => newUser({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' });

const expectRefused = (answer: { status: number; body: any }, field: string, why: string) => {
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ ...MANGOPAY_ERROR_SHAPE, Type: 'param_error' });
  expect(answer.body.errors[field]).toContain(why);
};

/** A declaration of the user with one UBO, submitted. */
const submitted = async (userId: string) => {
  const declaration = await http.call('POST', `/users/${userId}/kyc/ubodeclarations`, undefined, { 'idempotency-key': crypto.randomUUID() });
  expect(declaration.status).toBe(200);
  const id = declaration.body.Id as string;
  expect((await http.call('POST', `/users/${userId}/kyc/ubodeclarations/${id}/ubos`, uboBody())).status).toBe(200);
  const put = await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' });
  expect(put.body).toMatchObject({ Id: id, Status: 'VALIDATION_ASKED' });
  return id;
};

describe('UBO declarations, as Mangopay documents them', () => {
  it('create → add a UBO → submit → validated, with a hook at every status and the user REGULAR once the documents are validated too', async () => {
    for (const EventType of ['UBO_DECLARATION_CREATED', 'UBO_DECLARATION_VALIDATION_ASKED', 'UBO_DECLARATION_VALIDATED', 'USER_KYC_REGULAR']) {
      expect((await http.call('POST', '/hooks', { EventType, Url: hooks.url })).status).toBe(200);
    }
    const userId = await business();
    const created = await http.call('POST', `/users/${userId}/kyc/ubodeclarations`);
    expect(created.body).toEqual({ Id: expect.any(String), UserId: userId, CreationDate: expect.any(Number), ProcessedDate: null, Status: 'CREATED', Reason: null, Message: null, Ubos: [] });
    const id = created.body.Id as string;
    const ubo = await http.call('POST', `/users/${userId}/kyc/ubodeclarations/${id}/ubos`, uboBody());
    expect(ubo.body).toMatchObject({ Id: expect.any(String), FirstName: 'Grace', IsActive: true, Birthplace: { City: 'Paris', Country: 'FR' } });
    expect((await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' })).body.Status).toBe('VALIDATION_ASKED');

    // Every document validated: still LIGHT, the declaration is missing.
    for (const Type of ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION']) {
      const documentId = (await http.call('POST', `/users/${userId}/kyc/documents`, { Type })).body.Id;
      await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PDF', 4096) });
      await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' });
      expect(simulator.control.settleDocument(documentId, { status: 'VALIDATED' }).status).toBe(200);
    }
    expect((await http.call('GET', `/users/${userId}`)).body.KYCLevel).toBe('LIGHT');

    const settled = simulator.control.settleUboDeclaration(id, { status: 'VALIDATED' });
    expect(settled.body).toMatchObject({ Status: 'VALIDATED', ProcessedDate: expect.any(Number), Reason: null });
    expect((await http.call('GET', `/kyc/ubodeclarations/${id}`)).body).toMatchObject({ Id: id, Status: 'VALIDATED', Ubos: [{ LastName: 'Hopper' }] });
    expect((await http.call('GET', `/users/${userId}`)).body.KYCLevel).toBe('REGULAR');

    await simulator.control.hookDeliveriesSettled();
    expect(hooks.received.map((q) => [q.get('EventType'), q.get('RessourceId')])).toEqual([
      ['UBO_DECLARATION_CREATED', id],
      ['UBO_DECLARATION_VALIDATION_ASKED', id],
      ['UBO_DECLARATION_VALIDATED', id],
      ['USER_KYC_REGULAR', userId],
    ]);
  });

  it('refused: a Reason and a Message, final (no resubmission; a new declaration may be created)', async () => {
    expect((await http.call('POST', '/hooks', { EventType: 'UBO_DECLARATION_REFUSED', Url: hooks.url })).status).toBe(200);
    const userId = await business();
    const id = await submitted(userId);
    expect(simulator.control.settleUboDeclaration(id, { status: 'VALIDATED' }).status).toBe(200);
    const second = await submitted(userId);
    const refused = await http.control('POST', `/ubo-declarations/${second}/settle`, { status: 'REFUSED', reason: 'MISSING_UBO', message: 'A shareholder is missing' });
    expect(refused.body).toMatchObject({ Status: 'REFUSED', Reason: 'MISSING_UBO', Message: 'A shareholder is missing', ProcessedDate: expect.any(Number) });
    expectRefused(await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${second}`, { Status: 'VALIDATION_ASKED' }), 'Status', 'Only a CREATED or INCOMPLETE');
    expect((await http.control('POST', `/ubo-declarations/${second}/settle`, { status: 'VALIDATED' })).status).toBe(409);
    expect((await http.control('POST', `/ubo-declarations/${second}/settle`, { status: 'REFUSED' })).status).toBe(400);
    await simulator.control.hookDeliveriesSettled();
    expect(hooks.received.map((q) => [q.get('EventType'), q.get('RessourceId')])).toEqual([['UBO_DECLARATION_REFUSED', second]]);
  });

  it('incomplete: can be completed and resubmitted; one declaration in progress at a time', async () => {
    const userId = await business();
    const id = await submitted(userId);
    expectRefused(await http.call('POST', `/users/${userId}/kyc/ubodeclarations`), 'UboDeclaration', 'already in progress');
    expect(simulator.control.settleUboDeclaration(id, { status: 'INCOMPLETE', reason: 'DOCUMENTS_NEEDED' }).body).toMatchObject({ Status: 'INCOMPLETE', Reason: 'DOCUMENTS_NEEDED' });
    expect((await http.call('POST', `/users/${userId}/kyc/ubodeclarations/${id}/ubos`, uboBody())).status).toBe(200);
    expect((await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' })).body).toMatchObject({ Status: 'VALIDATION_ASKED', Ubos: [{}, {}] });
  });

  it('only for a legal BUSINESS or PARTNERSHIP Owner; a declaration needs a UBO before submission; a UBO needs every documented field', async () => {
    for (const profile of [
      { personType: 'NATURAL', userCategory: 'OWNER' },
      { personType: 'LEGAL', legalPersonType: 'SOLETRADER', userCategory: 'OWNER' },
      { personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'OWNER' },
    ] as const) {
      expectRefused(await http.call('POST', `/users/${await newUser(profile)}/kyc/ubodeclarations`), 'LegalPersonType', 'BUSINESS or PARTNERSHIP');
    }
    expectRefused(await http.call('POST', `/users/${await newUser({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'PAYER' })}/kyc/ubodeclarations`), 'UserCategory', 'PAYER');
    const partnership = await newUser({ personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'OWNER' });
    const id = (await http.call('POST', `/users/${partnership}/kyc/ubodeclarations`)).body.Id;
    expectRefused(await http.call('PUT', `/users/${partnership}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' }), 'Ubos', 'at least one UBO');
    const { Birthplace: _omitted, ...withoutBirthplace } = uboBody();
    expectRefused(await http.call('POST', `/users/${partnership}/kyc/ubodeclarations/${id}/ubos`, withoutBirthplace), 'Birthplace', 'required');
    expect((await http.call('GET', `/users/unknown/kyc/ubodeclarations`)).status).toBe(404);
    expect((await http.call('GET', `/kyc/ubodeclarations/unknown`)).status).toBe(404);
    const other = await business();
    expect((await http.call('GET', `/users/${other}/kyc/ubodeclarations/${id}`)).status).toBe(404);
  });

  it('lists a user\'s declarations, paged and sorted by CreationDate', async () => {
    const userId = await business();
    const first = await submitted(userId);
    simulator.control.settleUboDeclaration(first, { status: 'REFUSED', reason: 'WRONG_UBO_INFORMATION' });
    const second = await submitted(userId);
    const listed = await http.call('GET', `/users/${userId}/kyc/ubodeclarations?Sort=CreationDate:DESC&per_page=1`);
    expect(listed.body.map((d: { Id: string }) => d.Id)).toEqual([second]);
    expect(listed.headers.get('x-number-of-items')).toBe('2');
    expect(listed.headers.get('x-number-of-pages')).toBe('2');
    expect((await http.call('GET', `/users/${userId}/kyc/ubodeclarations`)).body.map((d: { Id: string; Status: string }) => [d.Id, d.Status])).toEqual([
      [first, 'REFUSED'],
      [second, 'VALIDATION_ASKED'],
    ]);
  });

  it('the Idempotency-Key of a create: any reuse is 409, the first answer is read at responses/{key}', async () => {
    const userId = await business();
    const key = { 'idempotency-key': crypto.randomUUID() };
    const first = await http.call('POST', `/users/${userId}/kyc/ubodeclarations`, undefined, key);
    expect(first.status).toBe(200);
    const again = await http.call('POST', `/users/${userId}/kyc/ubodeclarations`, undefined, key);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ Type: 'idempotent_creation_conflict', errors: null });
    expect((await http.call('GET', `/responses/${key['idempotency-key']}`)).body).toMatchObject({ StatusCode: '200', Resource: { Id: first.body.Id, Status: 'CREATED' } });
    expect((await http.call('GET', `/users/${userId}/kyc/ubodeclarations`)).body).toHaveLength(1);
  });

  it("the Sandbox's test data: a first UBO named AcceptUBO, RefuseUBO or IncompleteUBO decides the outcome once submitted", async () => {
    for (const [FirstName, Status, Reason] of [
      ['AcceptUBO', 'VALIDATED', null],
      ['RefuseUBO', 'REFUSED', 'SPECIFIC_CASE'],
      ['IncompleteUBO', 'INCOMPLETE', 'SPECIFIC_CASE'],
      ['acceptubo', 'VALIDATION_ASKED', null],
    ] as const) {
      const userId = await business();
      const id = (await http.call('POST', `/users/${userId}/kyc/ubodeclarations`)).body.Id;
      expect((await http.call('POST', `/users/${userId}/kyc/ubodeclarations/${id}/ubos`, { ...uboBody(), FirstName })).status).toBe(200);
      expect((await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' })).body.Status).toBe('VALIDATION_ASKED');
      expect((await http.call('GET', `/kyc/ubodeclarations/${id}`)).body).toMatchObject({ Status, Reason });
    }
  });

  it('views and updates a UBO; IsActive false disregards it for good (still listed, not counted); refused once submitted; 404s', async () => {
    const userId = await business();
    const id = (await http.call('POST', `/users/${userId}/kyc/ubodeclarations`)).body.Id as string;
    const base = `/users/${userId}/kyc/ubodeclarations/${id}/ubos`;
    const first = (await http.call('POST', base, uboBody())).body.Id as string;
    const second = (await http.call('POST', base, { ...uboBody(), FirstName: 'Ada' })).body.Id as string;

    expect((await http.call('GET', `${base}/${first}`)).body).toMatchObject({ Id: first, FirstName: 'Grace', LastName: 'Hopper', IsActive: true });
    const updated = await http.call('PUT', `${base}/${first}`, { LastName: 'Murray', Birthplace: { City: 'Lyon', Country: 'FR' } });
    expect(updated.body).toMatchObject({ Id: first, FirstName: 'Grace', LastName: 'Murray', Birthplace: { City: 'Lyon', Country: 'FR' }, IsActive: true });
    expect((await http.call('GET', `${base}/${first}`)).body).toMatchObject({ LastName: 'Murray' });
    expectRefused(await http.call('PUT', `${base}/${first}`, { Nationality: 'france' }), 'Nationality', 'not valid');

    // Deactivated: still listed with IsActive false, irreversible, and no longer the "at least one" of a submission.
    expect((await http.call('PUT', `${base}/${second}`, { IsActive: false })).body).toMatchObject({ Id: second, IsActive: false });
    expectRefused(await http.call('PUT', `${base}/${second}`, { IsActive: true }), 'IsActive', 'irreversible');
    expect((await http.call('GET', `/kyc/ubodeclarations/${id}`)).body.Ubos.map((u: { Id: string; IsActive: boolean }) => [u.Id, u.IsActive])).toEqual([
      [first, true],
      [second, false],
    ]);
    expect((await http.call('PUT', `${base}/${first}`, { IsActive: false })).body.IsActive).toBe(false);
    expectRefused(await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' }), 'Ubos', 'at least one UBO');

    // A third UBO in their place; once submitted, no update, but the UBOs can still be viewed.
    const third = (await http.call('POST', base, uboBody())).body.Id as string;
    expect((await http.call('PUT', `/users/${userId}/kyc/ubodeclarations/${id}`, { Status: 'VALIDATION_ASKED' })).body.Status).toBe('VALIDATION_ASKED');
    expectRefused(await http.call('PUT', `${base}/${third}`, { LastName: 'Late' }), 'Status', 'CREATED or INCOMPLETE');
    expect((await http.call('GET', `${base}/${third}`)).body).toMatchObject({ Id: third, LastName: 'Hopper' });
    simulator.control.settleUboDeclaration(id, { status: 'INCOMPLETE', reason: 'WRONG_UBO_INFORMATION' });
    expect((await http.call('PUT', `${base}/${third}`, { LastName: 'Fixed' })).body.LastName).toBe('Fixed');

    // 404: unknown UBO, unknown declaration, unknown user, a UBO of another declaration, a declaration of another user.
    const other = await business();
    const otherId = (await http.call('POST', `/users/${other}/kyc/ubodeclarations`)).body.Id as string;
    const foreign = (await http.call('POST', `/users/${other}/kyc/ubodeclarations/${otherId}/ubos`, uboBody())).body.Id as string;
    for (const path of [`${base}/unknown`, `/users/${userId}/kyc/ubodeclarations/unknown/ubos/${first}`, `/users/unknown/kyc/ubodeclarations/${id}/ubos/${first}`, `${base}/${foreign}`, `/users/${other}/kyc/ubodeclarations/${id}/ubos/${first}`]) {
      for (const method of ['GET', 'PUT'] as const) {
        const answer = await http.call(method, path, method === 'PUT' ? { LastName: 'X' } : undefined);
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.body).toMatchObject({ ...MANGOPAY_ERROR_SHAPE, Type: 'ressource_not_found' });
      }
    }
  });
});
