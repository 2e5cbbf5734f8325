import { randomBytes } from 'node:crypto';
import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import { createMangopayHttpClient } from '../mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../simulator/index.js';
import type { MangopayCredentials, TimeBudgets } from './kyc-config.js';
// The HTTP client loads undici when a client is made (so that kyc-core's root does not, issue 18); the service
// loads it with itself instead, so its first calls to Mangopay (the hooks it registers at start) wait for nothing.
import 'undici';

export interface MangopayConnection {
  readonly api: MangopayApi;
  /** Present when no credentials were configured and the simulator runs in this process. */
  readonly simulator: MangopaySimulator | undefined;
  /** The in-process simulator's credentials (new at every start); what `kyc demo` plays Mangopay's side with. */
  readonly simulatorCredentials: { readonly clientId: string; readonly apiKey: string } | undefined;
  readonly description: string;
}

/**
 * The simulator's credentials, random at every start: its control API settles documents and sessions, so
 * anyone who could guess them on this machine could decide KYC outcomes.
 */
const freshSimulatorCredentials = () => ({ clientId: `kyc-local-${randomBytes(6).toString('hex')}`, apiKey: randomBytes(32).toString('base64url') });

/**
 * The real Mangopay when credentials are configured; otherwise a simulator started in this process, with
 * the page rules matching the core's policy (the seed's, or today's Mangopay rules). Either way the core talks to it over HTTP through the same client.
 */
export const mangopayFromConfig = async (
  credentials: MangopayCredentials | undefined,
  pageRules: 'today' | 'seed',
  budgets: TimeBudgets,
): Promise<MangopayConnection> => {
  // Every call ends (answered or given up) within the request's budget, minus the time to record its outcome.
  const patience = { timeoutMs: budgets.mangopayAttemptMs, budgetMs: budgets.mangopayCallMs };
  if (credentials !== undefined) {
    return {
      api: createMangopayHttpClient({ baseUrl: credentials.baseUrl, clientId: credentials.clientId, apiKey: credentials.apiKey, ...patience }),
      simulator: undefined,
      simulatorCredentials: undefined,
      description: `Mangopay at ${new URL(credentials.baseUrl).host}`,
    };
  }
  const local = freshSimulatorCredentials();
  const simulator = await startMangopaySimulator({ ...local, pageRules });
  return {
    api: createMangopayHttpClient({ baseUrl: simulator.baseUrl, ...local, ...patience }),
    simulator,
    simulatorCredentials: local,
    description: `the Mangopay simulator, in process at ${simulator.baseUrl} (no MANGOPAY_* credentials configured)`,
  };
};

