import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileUser } from '../../src/application/reconciliation/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { uboBody } from '../support/simulator-provider.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';

const KEY = 'ubo-regular-key-0123456789abcdef0123456789abcdef';

/**
 * What a platform shows its legal user as missing for REGULAR, through the REST view: a Business's UBO declaration is
 * there until Mangopay validates one (issue 13: "the list a platform shows its user is wrong for legal users").
 */
describe('GET /users/{userId}/kyc for legal users', () => {
  let service: ServiceUnderTest;
  let simulator: MangopaySimulator;
  let commands = 0;
  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY] });
    simulator = service.runtime.mangopay.simulator as MangopaySimulator;
  });
  afterAll(() => service.close());

  const kyc = async (userId: string) => {
    await service.runtime.refreshReadModel();
    const answer = await service.app.inject({ method: 'GET', url: `/users/${userId}/kyc`, headers: { authorization: `Bearer ${KEY}` } });
    expect(answer.statusCode).toBe(200);
    return answer.json() as { MissingForRegular: ReadonlyArray<string> | null; ValidatedUboDeclarations: ReadonlyArray<string> };
  };
  const reconcile = async (userId: string) => {
    const done = await reconcileUser(service.runtime.core)(userId as MangopayId, `ubo-rest-${++commands}` as CommandId)();
    expect(E.isRight(done)).toBe(true);
  };
  /** The platform declares one UBO at Mangopay with the Sandbox's test name that decides the outcome. */
  const declare = (userId: string, firstName: 'AcceptUBO' | 'RefuseUBO'): string => {
    const declarationId = (simulator.control.createUboDeclaration(userId).body as { Id: string }).Id;
    expect(simulator.control.addUbo(userId, declarationId, { ...uboBody(), FirstName: firstName }).status).toBe(200);
    expect(simulator.control.submitUboDeclaration(userId, declarationId).status).toBe(200);
    return declarationId;
  };

  it('a Business: UBO_DECLARATION until a declaration is VALIDATED (a refused one keeps it); an Organization never needs one', async () => {
    const business = await service.platform.createBusinessOwner();
    await reconcile(business);
    expect(await kyc(business)).toMatchObject({
      MissingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'UBO_DECLARATION'],
      ValidatedUboDeclarations: [],
    });
    declare(business, 'RefuseUBO');
    await reconcile(business);
    expect((await kyc(business)).MissingForRegular).toContain('UBO_DECLARATION');
    const validated = declare(business, 'AcceptUBO');
    await reconcile(business);
    expect(await kyc(business)).toMatchObject({
      MissingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'],
      ValidatedUboDeclarations: [validated],
    });

    const organization = await service.platform.createBusinessOwner({ LegalPersonType: 'ORGANIZATION' });
    await reconcile(organization);
    expect((await kyc(organization)).MissingForRegular).toEqual(['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION']);
  });
});
