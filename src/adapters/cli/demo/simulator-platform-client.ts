/**
 * What the demo does on Mangopay's side, against the simulator: create users (a platform does this at
 * Mangopay, not through the KYC core), settle documents as Mangopay's team would (the control API), and
 * complete a hosted IDV session as the person would (the hosted page's form).
 */
export interface SimulatorPlatformClient {
  /** `fields` replace the demo's own values (Mangopay's field names), e.g. to follow known values in a test. */
  readonly createNaturalOwner: (fields?: Readonly<Record<string, unknown>>) => Promise<string>;
  readonly createBusinessOwner: (fields?: Readonly<Record<string, unknown>>) => Promise<string>;
  readonly settleDocument: (documentId: string, outcome: { readonly status: 'VALIDATED' } | { readonly status: 'REFUSED'; readonly refusedReasonType: string; readonly refusedReasonMessage?: string }) => Promise<void>;
  readonly completeHostedSession: (hostedUrl: string, action: 'validate' | 'review') => Promise<void>;
}

export const simulatorPlatformClient = (baseUrl: string, clientId: string, apiKey: string): SimulatorPlatformClient => {
  const basic = `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`;
  let token: string | undefined;
  const bearer = async (): Promise<string> => {
    if (token !== undefined) return token;
    const answer = await fetch(`${baseUrl}/v2.01/oauth/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    if (!answer.ok) throw new Error(`the simulator refused the demo's credentials (${answer.status})`);
    token = ((await answer.json()) as { access_token: string }).access_token;
    return token;
  };
  const createUser = async (kind: 'natural' | 'legal', body: object): Promise<string> => {
    const answer = await fetch(`${baseUrl}/v2.01/${clientId}/users/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await bearer()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`the simulator refused the demo user (${answer.status})`);
    return ((await answer.json()) as { Id: string }).Id;
  };
  return {
    createNaturalOwner: (fields = {}) =>
      createUser('natural', {
        FirstName: 'Demo',
        LastName: 'Person',
        Email: 'demo.person@example.com',
        UserCategory: 'OWNER',
        Birthday: 631152000,
        Nationality: 'FR',
        CountryOfResidence: 'FR',
        TermsAndConditionsAccepted: true,
        ...fields,
      }),
    createBusinessOwner: (fields = {}) =>
      createUser('legal', {
        Name: 'Demo Trading Ltd',
        LegalPersonType: 'BUSINESS',
        Email: 'demo.business@example.com',
        UserCategory: 'OWNER',
        LegalRepresentativeFirstName: 'Demo',
        LegalRepresentativeLastName: 'Director',
        LegalRepresentativeBirthday: 631152000,
        LegalRepresentativeNationality: 'FR',
        LegalRepresentativeCountryOfResidence: 'FR',
        CompanyNumber: '00000000',
        TermsAndConditionsAccepted: true,
        ...fields,
      }),
    settleDocument: async (documentId, outcome) => {
      const answer = await fetch(`${baseUrl}/_simulator/kyc-documents/${encodeURIComponent(documentId)}/settle`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify(outcome),
      });
      if (!answer.ok) throw new Error(`the simulator would not settle the document (${answer.status})`);
    },
    completeHostedSession: async (hostedUrl, action) => {
      const page = await fetch(hostedUrl);
      if (!page.ok) throw new Error(`the hosted page did not open (${page.status})`);
      // The person presses a button; the page answers with the way back to the ReturnUrl, which the demo does not follow.
      const answer = await fetch(hostedUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action }).toString(),
        redirect: 'manual',
      });
      if (answer.status !== 303 && !answer.ok) throw new Error(`the hosted page refused the outcome (${answer.status})`);
    },
  };
};
