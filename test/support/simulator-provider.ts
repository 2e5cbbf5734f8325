import type { MangopayProvider } from '../../src/testing/mangopay-api-conformance/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UserProfile } from '../../src/domain/shared/user-profile.js';
import type { MangopaySimulator, SimulatorAnswer } from '../../src/simulator/index.js';

/** The body the official SDK would send for a user of this profile (an Owner with what Mangopay asks of one). */
export const userBody = (profile: UserProfile): Record<string, unknown> =>
  profile.personType === 'NATURAL'
    ? {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Email: 'ada@example.com',
        Birthday: 331_344_000,
        Nationality: 'GB',
        CountryOfResidence: 'FR',
        UserCategory: profile.userCategory,
        TermsAndConditionsAccepted: true,
      }
    : {
        Name: 'Analytical Engines Ltd',
        LegalPersonType: profile.legalPersonType,
        Email: 'office@example.com',
        CompanyNumber: 'AB123456',
        LegalRepresentativeFirstName: 'Charles',
        LegalRepresentativeLastName: 'Babbage',
        LegalRepresentativeBirthday: -5_000_000_000,
        LegalRepresentativeNationality: 'GB',
        LegalRepresentativeCountryOfResidence: 'GB',
        UserCategory: profile.userCategory,
        TermsAndConditionsAccepted: true,
      };

/** The body of "Create a UBO": every field Mangopay requires (the simulator's memory only). */
export const uboBody = (): Record<string, unknown> => ({
  FirstName: 'Grace',
  LastName: 'Hopper',
  Address: { AddressLine1: '1 rue de la Paix', City: 'Paris', PostalCode: '75002', Country: 'FR' },
  Nationality: 'US',
  Birthday: -2_000_000_000,
  Birthplace: { City: 'Paris', Country: 'FR' },
});

const expectOk = (answer: SimulatorAnswer): Record<string, unknown> => {
  if (answer.status !== 200) throw new Error(`the simulator refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
};

/** The provider side of the conformance suite, through the simulator's control functions. */
export const simulatorProvider = (simulator: MangopaySimulator): MangopayProvider => ({
  createUser: async (profile) => {
    const body = userBody(profile);
    const created = expectOk(profile.personType === 'NATURAL' ? simulator.control.createNaturalUser(body) : simulator.control.createLegalUser(body));
    return created['Id'] as MangopayId;
  },
  settleDocument: async (documentId, settlement) => {
    expectOk(simulator.control.settleDocument(documentId, settlement));
  },
  settleSession: async (sessionId, settlement) => {
    expectOk(simulator.control.settleSession(sessionId, settlement));
  },
  declareUbos: async (userId, ubos, settlement) => {
    const declarationId = expectOk(simulator.control.createUboDeclaration(userId))['Id'] as MangopayId;
    for (let i = 0; i < ubos; i++) expectOk(simulator.control.addUbo(userId, declarationId, uboBody()));
    expectOk(simulator.control.submitUboDeclaration(userId, declarationId));
    if (settlement.status !== 'VALIDATION_ASKED') expectOk(simulator.control.settleUboDeclaration(declarationId, settlement));
    return declarationId;
  },
});
