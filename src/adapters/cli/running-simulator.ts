import { CliFailure } from './runtime-from-environment.js';

/** The running service's simulator (URL and this start's credentials), asked with the API key. */
export const simulatorOf = async (serviceUrl: string, apiKey: string): Promise<{ readonly url: string; readonly clientId: string; readonly apiKey: string }> => {
  const answer = await fetch(`${serviceUrl}/simulator`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (answer.status === 401) throw new CliFailure('The service refused the API key (401 UNAUTHENTICATED): check KYC_API_KEY, or the key in KYC_DATA_DIR');
  const body = (await answer.json()) as { readonly url?: unknown; readonly clientId?: unknown; readonly apiKey?: unknown };
  if (answer.status !== 200 || typeof body.url !== 'string' || typeof body.clientId !== 'string' || typeof body.apiKey !== 'string') {
    throw new CliFailure('The service does not run the Mangopay simulator: the demo needs one (start `kyc serve` without MANGOPAY_* credentials)');
  }
  return { url: body.url, clientId: body.clientId, apiKey: body.apiKey };
};
