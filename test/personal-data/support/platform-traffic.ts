
/** The platform's calls to the running service (JSON in and out), failing loudly on any non-2xx answer. */
export const serviceCalls = (serviceUrl: string, apiKey: string) => {
  const call = async (method: string, path: string, body?: object): Promise<any> => {
    const answer = await fetch(`${serviceUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text.slice(0, 200)}`);
    return answer.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text;
  };
  /** Polls until the resource shows `status`: Mangopay's outcomes arrive as hooks, then the processor catches up. */
  const waitFor = async (path: string, status: string, field = 'Status'): Promise<any> => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const resource = await call('GET', path);
      if (resource[field] === status) return resource;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${path} never reached ${status}`);
  };
  return { call, waitFor };
};

/** Ends a session on the simulator's side as Mangopay would (its control API), e.g. REJECTED with an agent's note. */
export const settleSessionAtSimulator = async (
  simulatorUrl: string,
  credentials: { readonly clientId: string; readonly apiKey: string },
  sessionId: string,
  outcome: object,
): Promise<void> => {
  const basic = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.apiKey}`).toString('base64')}`;
  const answer = await fetch(`${simulatorUrl}/_simulator/identity-verifications/${encodeURIComponent(sessionId)}/settle`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify(outcome),
  });
  if (!answer.ok) throw new Error(`the simulator would not settle the session (${answer.status} ${await answer.text()})`);
};
