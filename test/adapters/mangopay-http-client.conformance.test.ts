import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopayApiEra } from '../../src/simulator/index.js';
import { describeMangopayApiConformance } from '../../src/testing/mangopay-api-conformance/index.js';
import { simulatorProvider } from '../support/simulator-provider.js';

// The HTTP client against the simulator over real HTTP on 127.0.0.1, in both generations of Mangopay's API:
// today's words (REFUSED, OUT_OF_DATE, EXPIRED; checks inline) and the seeds' (checks at .../checks).
for (const era of ['today', 'seed'] as const satisfies ReadonlyArray<MangopayApiEra>) {
  describeMangopayApiConformance(`HTTP client against the simulator (${era}'s API)`, async () => {
    const simulator = await startMangopaySimulator({ clientId: 'conformance', apiKey: 'conformance-key', era });
    return {
      api: createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'conformance', apiKey: 'conformance-key' }),
      provider: simulatorProvider(simulator),
      teardown: () => simulator.close(),
    };
  });
}
