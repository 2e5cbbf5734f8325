import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import { createMangopayHttpClient } from '../mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../simulator/index.js';
import type { MangopayCredentials } from './kyc-config.js';
// The HTTP client loads undici when a client is made (so that kyc-core's root does not, issue 18); the service
// loads it with itself instead, so its first calls to Mangopay (the hooks it registers at start) wait for nothing.
import 'undici';

export interface MangopayConnection {
  readonly api: MangopayApi;
  /** Present when no credentials were configured and the simulator runs in this process. */
  readonly simulator: MangopaySimulator | undefined;
  readonly description: string;
}

/** The simulator's own credentials: it is local and offline, so they are not secrets. */
const SIMULATOR_CLIENT_ID = 'kyc-core-local';
const SIMULATOR_API_KEY = 'local-simulator-key';

/**
 * The real Mangopay when credentials are configured; otherwise a simulator started in this process, with
 * the page rules matching the core's policy (the seed's, or today's Mangopay rules). Either way the core talks to it over HTTP through the same client.
 */
export const mangopayFromConfig = async (credentials: MangopayCredentials | undefined, pageRules: 'today' | 'seed'): Promise<MangopayConnection> => {
  if (credentials !== undefined) {
    return {
      api: createMangopayHttpClient({ baseUrl: credentials.baseUrl, clientId: credentials.clientId, apiKey: credentials.apiKey }),
      simulator: undefined,
      description: `Mangopay at ${new URL(credentials.baseUrl).host}`,
    };
  }
  const simulator = await startMangopaySimulator({ clientId: SIMULATOR_CLIENT_ID, apiKey: SIMULATOR_API_KEY, pageRules });
  return {
    api: createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: SIMULATOR_CLIENT_ID, apiKey: SIMULATOR_API_KEY }),
    simulator,
    description: `the Mangopay simulator, in process at ${simulator.baseUrl} (no MANGOPAY_* credentials configured)`,
  };
};

export const LOCAL_SIMULATOR_CREDENTIALS = { clientId: SIMULATOR_CLIENT_ID, apiKey: SIMULATOR_API_KEY } as const;
