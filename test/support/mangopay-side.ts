/**
 * What a test does on Mangopay's side of a simulator in another process, over HTTP only: create users, settle
 * documents and sessions as Mangopay's team (control API) or the person (hosted page) would, and read
 * Mangopay's truth back through its API.
 */
export type Json = Record<string, unknown>;

export interface MangopaySide {
  readonly createUser: (kind: 'natural' | 'legal', body: Json) => Promise<string>;
  readonly settleDocument: (documentId: string, outcome: Json) => Promise<void>;
  readonly settleSession: (sessionId: string, outcome: Json) => Promise<void>;
  /** The person presses a button of the hosted page (validate, refuse, review, timeout, error). */
  readonly completeHostedSession: (hostedUrl: string, form: Readonly<Record<string, string>>) => Promise<void>;
  readonly document: (documentId: string) => Promise<Json>;
  readonly session: (sessionId: string) => Promise<Json>;
  readonly user: (userId: string) => Promise<Json>;
  /** How many hook deliveries the simulator still has pending. */
  readonly pendingHookDeliveries: () => Promise<number>;
}

export const mangopaySide = (baseUrl: string, clientId: string, apiKey: string): MangopaySide => {
  const basic = `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`;
  let token: Promise<string> | undefined;
  const bearer = (): Promise<string> =>
    (token ??= (async () => {
      const answer = await fetch(`${baseUrl}/v2.01/oauth/token`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      if (!answer.ok) throw new Error(`the simulator refused the token request (${answer.status})`);
      return ((await answer.json()) as { access_token: string }).access_token;
    })());
  const api = async (method: string, path: string, body?: Json): Promise<Json> => {
    const answer = await fetch(`${baseUrl}/v2.01/${clientId}${path}`, {
      method,
      headers: { authorization: `Bearer ${await bearer()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} at the simulator answered ${answer.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as Json;
  };
  const control = async (method: string, path: string, body?: Json): Promise<unknown> => {
    const answer = await fetch(`${baseUrl}/_simulator/${path}`, {
      method,
      headers: { authorization: basic, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} /_simulator/${path} answered ${answer.status}: ${text.slice(0, 500)}`);
    return text.length === 0 ? undefined : JSON.parse(text);
  };
  return {
    createUser: async (kind, body) => (await api('POST', `/users/${kind}`, body))['Id'] as string,
    settleDocument: async (documentId, outcome) => void (await control('POST', `kyc-documents/${encodeURIComponent(documentId)}/settle`, outcome)),
    settleSession: async (sessionId, outcome) => void (await control('POST', `identity-verifications/${encodeURIComponent(sessionId)}/settle`, outcome)),
    completeHostedSession: async (hostedUrl, form) => {
      const page = await fetch(hostedUrl);
      await page.arrayBuffer();
      if (!page.ok) throw new Error(`the hosted page did not open (${page.status})`);
      const answer = await fetch(hostedUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
      const text = await answer.text();
      if (answer.status !== 303 && !answer.ok) throw new Error(`the hosted page refused ${JSON.stringify(form)} (${answer.status}): ${text.slice(0, 300)}`);
    },
    document: (documentId) => api('GET', `/kyc/documents/${encodeURIComponent(documentId)}`),
    session: (sessionId) => api('GET', `/identity-verifications/${encodeURIComponent(sessionId)}`),
    user: (userId) => api('GET', `/users/${encodeURIComponent(userId)}`),
    pendingHookDeliveries: async () =>
      ((await control('GET', 'hook-deliveries')) as ReadonlyArray<{ readonly outcome: string }>).filter((record) => record.outcome === 'pending').length,
  };
};
