import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { simulatorPlatformClient, type SimulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import {
  buildKycHttpApp,
  buildKycRuntime,
  webhookPathOf,
  type EventStoreLocation,
  type KycConfig,
  type KycRuntime,
} from '../../src/adapters/composition-root/index.js';
import type { HttpTimeouts } from '../../src/adapters/http-service/index.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { localSimulatorCredentials } from './local-simulator.js';
import { serviceConfigForTests, type TestApiKey } from './service-config.js';
import { temporaryDirectory } from './temporary-directory.js';

/**
 * The service's fastify app over a real runtime (the in-process simulator, the given event store), built by
 * `buildKycHttpApp` as `kyc serve` builds it but not listening and with no background work (no processor, sweep or
 * hook registration), so a test can `inject` thousands of requests quickly, and with every
 * log line captured (at `trace` unless told) so a test can look for what must never be logged.
 */
export interface ServiceUnderTest {
  readonly app: FastifyInstance;
  readonly runtime: KycRuntime;
  /** Every log line so far, as written (JSON lines). */
  readonly logText: () => string;
  /** The log lines written since the last call. */
  readonly newLogText: () => string;
  /** Creates users and settles documents on the simulator's side, as Mangopay would. */
  readonly platform: SimulatorPlatformClient;
  /** Where hooks are taken (path only), e.g. /webhooks/mangopay/<secret>. */
  readonly webhookPath: string;
  readonly close: () => Promise<void>;
}

export interface ServiceUnderTestOptions {
  /** A plain string is a platform key. */
  readonly apiKeys: ReadonlyArray<TestApiKey>;
  readonly eventStore?: EventStoreLocation;
  readonly webhook?: Partial<KycConfig['webhook']>;
  readonly timeouts?: Partial<HttpTimeouts>;
  /** Proxies whose X-Forwarded-For the service believes (KYC_TRUST_PROXY). */
  readonly trustProxy?: ReadonlyArray<string>;
  readonly logLevel?: string;
  /** Where the runtime keeps its files; default a temporary directory removed on close. */
  readonly dataDir?: string;
}

export const startServiceUnderTest = async (options: ServiceUnderTestOptions): Promise<ServiceUnderTest> => {
  const data = options.dataDir === undefined ? temporaryDirectory('service-under-test') : undefined;
  const config = serviceConfigForTests(options.eventStore ?? { kind: 'memory' }, options.dataDir ?? (data as { path: string }).path, options.apiKeys, {
    webhook: { secret: undefined, allowedSources: undefined, maxPerMinutePerSource: 100_000, takeOver: false, ...options.webhook },
    logLevel: options.logLevel ?? 'trace',
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  const built = await buildKycRuntime(config)();
  if (E.isLeft(built)) throw new Error(built.left.message);
  const runtime = built.right;
  const simulator = runtime.mangopay.simulator as MangopaySimulator;

  const lines: string[] = [];
  let read = 0;
  const webhookPath = webhookPathOf(config.webhook);
  const app = buildKycHttpApp(runtime, {
    logStream: { write: (line) => void lines.push(line) },
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
  });
  await app.ready();
  return {
    app,
    runtime,
    logText: () => lines.join(''),
    newLogText: () => {
      const text = lines.slice(read).join('');
      read = lines.length;
      return text;
    },
    platform: simulatorPlatformClient(simulator.baseUrl, localSimulatorCredentials(runtime).clientId, localSimulatorCredentials(runtime).apiKey),
    webhookPath,
    close: async () => {
      await app.close();
      await runtime.close();
      data?.remove();
    },
  };
};
