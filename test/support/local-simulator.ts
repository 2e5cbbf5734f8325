import type { KycRuntime } from '../../src/adapters/composition-root/index.js';

/** The credentials the in-process simulator got at this start (random each time). */
export const localSimulatorCredentials = (runtime: KycRuntime): { readonly clientId: string; readonly apiKey: string } => {
  const credentials = runtime.mangopay.simulatorCredentials;
  if (credentials === undefined) throw new Error('this runtime talks to a real Mangopay: no simulator credentials');
  return credentials;
};
