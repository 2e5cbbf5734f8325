import { randomUUID } from 'node:crypto';
import Mangopay from 'mangopay4-nodejs-sdk';
import type { user } from 'mangopay4-nodejs-sdk/typings/models/user.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { userBody } from '../support/simulator-provider.js';

// The official SDK, unchanged, with its baseUrl pointed at the simulator. It keeps its base URL in axios'
// global defaults, so this file uses one SDK instance (vitest runs each file in its own process).
let simulator: MangopaySimulator;
let sdk: Mangopay;

beforeAll(async () => {
  simulator = await startMangopaySimulator({ clientId: 'sdk-client', apiKey: 'sdk-api-key' });
  sdk = new Mangopay({ clientId: 'sdk-client', clientApiKey: 'sdk-api-key', baseUrl: simulator.baseUrl, errorHandler: () => {} });
});
afterAll(() => simulator.close());

const naturalOwner = (): Promise<user.UserNaturalData> => {
  const owner = {
    PersonType: 'NATURAL',
    ...userBody({ personType: 'NATURAL', userCategory: 'OWNER' }),
    Address: { AddressLine1: '1 rue de la Paix', City: 'Paris', PostalCode: '75002', Country: 'FR' },
  } as user.CreateUserNaturalOwnerData;
  return sdk.Users.create(owner);
};

/** What the SDK rejects with: Mangopay's error body. */
const rejection = async (promise: Promise<unknown>): Promise<Record<string, unknown>> => {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the SDK call to be refused');
};

describe('the official Mangopay SDK against the simulator', () => {
  it('runs the KYC document flow: user, document, pages, submit, view, lists with filters', async () => {
    const user = await naturalOwner();
    expect(user).toMatchObject({ PersonType: 'NATURAL', KYCLevel: 'LIGHT', UserCategory: 'OWNER' });
    expect(await sdk.Users.get(user.Id)).toMatchObject({ Id: user.Id, FirstName: 'Ada' });
    expect(await sdk.Users.getNatural(user.Id)).toMatchObject({ Id: user.Id });

    const document = await sdk.Users.createKycDocument(user.Id, { Type: 'IDENTITY_PROOF', Tag: 'passport' });
    expect(document).toMatchObject({ Type: 'IDENTITY_PROOF', Status: 'CREATED', UserId: user.Id, Tag: 'passport' });
    await sdk.Users.createKycPage(user.Id, document.Id, { File: pageFile('JPEG', 50_000) });
    await sdk.Users.createKycPage(user.Id, document.Id, { File: pageFile('PDF', 40_000) });

    const submitted = await sdk.Users.updateKycDocument(user.Id, { Id: document.Id, Status: 'VALIDATION_ASKED' });
    expect(submitted.Status).toBe('VALIDATION_ASKED');
    expect(await sdk.Users.getKycDocument(user.Id, document.Id)).toMatchObject({ Id: document.Id, Status: 'VALIDATION_ASKED' });
    expect(await sdk.KycDocuments.get(document.Id)).toMatchObject({ Id: document.Id });

    const second = await sdk.Users.createKycDocument(user.Id, { Type: 'ADDRESS_PROOF' });
    const asked = await sdk.Users.getKycDocuments(user.Id, { parameters: { Status: 'VALIDATION_ASKED', Sort: 'CreationDate:DESC', Page: 1, Per_Page: 10 } });
    expect(asked.map((item) => item.Id)).toEqual([document.Id]);
    const everything = await sdk.KycDocuments.getAll({ parameters: { Type: 'ADDRESS_PROOF', Per_Page: 100 } });
    expect(everything.map((item) => item.Id)).toEqual([second.Id]);

    simulator.control.settleDocument(document.Id, { status: 'VALIDATED' });
    expect(await sdk.KycDocuments.get(document.Id)).toMatchObject({ Status: 'VALIDATED', ProcessedDate: expect.any(Number) });
    expect(await sdk.Users.get(user.Id)).toMatchObject({ KYCLevel: 'REGULAR' });
  });

  it("sees the simulator's refusals as Mangopay's error body", async () => {
    const user = await naturalOwner();
    const document = await sdk.Users.createKycDocument(user.Id, { Type: 'IDENTITY_PROOF' });
    const refused = await rejection(sdk.Users.updateKycDocument(user.Id, { Id: document.Id, Status: 'VALIDATION_ASKED' }));
    expect(refused).toMatchObject({ Type: 'param_error', errors: { Status: expect.stringContaining('at least one page') } });
  });

  it('passes an Idempotency-Key through its options: a retry is blocked with 409, and Idempotency.get gives the first answer', async () => {
    const user = await naturalOwner();
    const key = randomUUID();
    const options = { headers: { 'Idempotency-Key': key } };
    const first = await sdk.Users.createKycDocument(user.Id, { Type: 'IDENTITY_PROOF' }, options);
    const retry = await rejection(sdk.Users.createKycDocument(user.Id, { Type: 'IDENTITY_PROOF' }, options));
    expect(retry).toMatchObject({ Type: 'idempotent_creation_conflict', errors: null });
    const recovered = await sdk.Idempotency.get(key);
    expect(recovered).toMatchObject({ StatusCode: '200', ContentType: 'application/json; charset=utf-8', Resource: { Id: first.Id, Type: 'IDENTITY_PROOF' } });
    expect(recovered.RequestURL.toLowerCase()).toContain(`/users/${user.Id.toLowerCase()}/kyc/documents`);
    expect((await sdk.Users.getKycDocuments(user.Id)).map((item) => item.Id)).toEqual([first.Id]);
  });

  it('runs the IDV flow: create a session, view it, list the user sessions', async () => {
    const user = await naturalOwner();
    const session = await sdk.IdentityVerifications.create(user.Id, { ReturnUrl: 'https://platform.example/kyc/return', Tag: 'first try' });
    expect(session).toMatchObject({ Status: 'PENDING', UserId: user.Id, ReturnUrl: 'https://platform.example/kyc/return', HostedUrl: expect.any(String) });
    simulator.control.settleSession(session.Id, { status: 'VALIDATED' });
    const viewed = await sdk.IdentityVerifications.get(session.Id);
    expect(viewed).toMatchObject({ Id: session.Id, Status: 'VALIDATED' });
    expect(viewed.Checks.map((check) => check.Type)).toEqual(['IDENTITY_DOCUMENT_VERIFICATION', 'IDV_NAME_MATCH_CHECK', 'IDV_AGE_CHECK']);
    expect(viewed.Checks[0]?.Data.map((point) => point.Type)).toEqual(['FIRST_NAME', 'LAST_NAME', 'BIRTHDATE', 'NATIONALITY', 'RESIDENCY']);
    expect((await sdk.IdentityVerifications.getAll(user.Id)).map((item) => item.Id)).toEqual([session.Id]);
  });

  it('runs the UBO declaration flow: create, add a UBO, view and update it, deactivate another, submit (the SDK sends the whole declaration), view by id, list', async () => {
    const business = await sdk.Users.create({
      PersonType: 'LEGAL',
      ...userBody({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }),
      HeadquartersAddress: { AddressLine1: '1 rue de la Paix', City: 'Paris', PostalCode: '75002', Country: 'FR' },
      LegalRepresentativeEmail: 'charles@example.com',
    } as never);
    const declaration = await sdk.UboDeclarations.create(business.Id);
    expect(declaration).toMatchObject({ UserId: business.Id, Status: 'CREATED', Ubos: [] });
    const ubo = await sdk.UboDeclarations.createUbo(business.Id, declaration.Id, {
      FirstName: 'Grace',
      LastName: 'Hopper',
      Address: { AddressLine1: '1 rue de la Paix', City: 'Paris', PostalCode: '75002', Country: 'FR' },
      Nationality: 'US',
      Birthday: -2_000_000_000,
      Birthplace: { City: 'Paris', Country: 'FR' },
    } as never);
    expect(ubo).toMatchObject({ FirstName: 'Grace', IsActive: true });
    expect(await sdk.UboDeclarations.getUbo(business.Id, declaration.Id, ubo.Id)).toMatchObject({ Id: ubo.Id, LastName: 'Hopper', IsActive: true });
    const renamed = await sdk.UboDeclarations.updateUbo(business.Id, declaration.Id, { Id: ubo.Id, LastName: 'Murray' } as never);
    expect(renamed).toMatchObject({ Id: ubo.Id, FirstName: 'Grace', LastName: 'Murray', IsActive: true });
    const extra = await sdk.UboDeclarations.createUbo(business.Id, declaration.Id, { ...ubo, FirstName: 'Ada', Id: undefined } as never);
    expect(await sdk.UboDeclarations.updateUbo(business.Id, declaration.Id, { Id: extra.Id, IsActive: false } as never)).toMatchObject({ Id: extra.Id, IsActive: false });
    const submitted = await sdk.UboDeclarations.update(business.Id, { Id: declaration.Id, Status: 'VALIDATION_ASKED', Ubos: [renamed] } as never);
    expect(submitted).toMatchObject({ Id: declaration.Id, Status: 'VALIDATION_ASKED' });
    simulator.control.settleUboDeclaration(declaration.Id, { status: 'VALIDATED' });
    expect(await sdk.UboDeclarations.getById(declaration.Id)).toMatchObject({ Status: 'VALIDATED', ProcessedDate: expect.any(Number) });
    expect(await sdk.UboDeclarations.get(business.Id, declaration.Id)).toMatchObject({ Id: declaration.Id, Ubos: [{ Id: ubo.Id, IsActive: true }, { Id: extra.Id, IsActive: false }] });
    await expect(sdk.UboDeclarations.updateUbo(business.Id, declaration.Id, { Id: ubo.Id, LastName: 'Late' } as never)).rejects.toMatchObject({ errors: { Status: expect.any(String) } });
    expect((await sdk.UboDeclarations.getAll(business.Id)).map((item) => item.Id)).toEqual([declaration.Id]);
  });

  it('manages hooks', async () => {
    const hook = await sdk.Hooks.create({ EventType: 'KYC_SUCCEEDED', Url: 'https://platform.example/hooks' });
    expect(hook).toMatchObject({ EventType: 'KYC_SUCCEEDED', Status: 'ENABLED' });
    expect((await sdk.Hooks.update({ Id: hook.Id, Status: 'DISABLED' })).Status).toBe('DISABLED');
    expect((await sdk.Hooks.getAll()).map((item) => item.Id)).toContain(hook.Id);
  });
});
