import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { simulatorPlatformClient, type SimulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import {
  buildKycRuntime,
  LOCAL_SIMULATOR_CREDENTIALS,
  WEBHOOK_PATH,
  type EventStoreLocation,
  type KycConfig,
  type KycRuntime,
} from '../../src/adapters/composition-root/index.js';
import { readinessProbe } from '../../src/adapters/composition-root/readiness-probe.js';
import { buildHttpService, type HttpTimeouts } from '../../src/adapters/http-service/index.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { createWebhookEndpoint } from '../../src/adapters/webhook-endpoint/index.js';
import { receiveHook } from '../../src/application/webhooks/index.js';
import { serviceConfigForTests, type TestApiKey } from './service-config.js';
import { temporaryDirectory } from './temporary-directory.js';

/**
 * The service's fastify app over a real runtime (the in-process simulator, the given event store), wired as
 * `kyc serve` wires it but not listening, so a test can `inject` thousands of requests quickly, and with every
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
  readonly logLevel?: string;
  /** Where the runtime keeps its files; default a temporary directory removed on close. */
  readonly dataDir?: string;
}

export const startServiceUnderTest = async (options: ServiceUnderTestOptions): Promise<ServiceUnderTest> => {
  const data = options.dataDir === undefined ? temporaryDirectory('service-under-test') : undefined;
  const config = serviceConfigForTests(options.eventStore ?? { kind: 'memory' }, options.dataDir ?? (data as { path: string }).path, options.apiKeys, {
    webhook: { secret: undefined, allowedSources: undefined, maxPerMinutePerSource: 100_000, takeOver: false, ...options.webhook },
  });
  const built = await buildKycRuntime(config)();
  if (E.isLeft(built)) throw new Error(built.left.message);
  const runtime = built.right;
  const simulator = runtime.mangopay.simulator as MangopaySimulator;

  const lines: string[] = [];
  let read = 0;
  const allowed = config.webhook.allowedSources === undefined ? undefined : new Set(config.webhook.allowedSources);
  const endpoint = createWebhookEndpoint({
    receive: receiveHook({ inbox: runtime.inbox, clock: runtime.clock }),
    ...(allowed === undefined ? {} : { acceptsRemoteAddress: (address) => address !== undefined && allowed.has(address.replace(/^::ffff:/, '')) }),
  });
  const webhookPath = config.webhook.secret === undefined ? WEBHOOK_PATH : `${WEBHOOK_PATH}/${config.webhook.secret}`;
  const app = buildHttpService({
    core: runtime.core,
    readModel: runtime.readModel.readModel,
    readModelCaughtUp: runtime.readModelCaughtUp,
    timeline: runtime.timeline,
    ready: readinessProbe(runtime),
    apiKeys: runtime.apiKeys.keys,
    webhook: { path: webhookPath, maxPerMinutePerSource: config.webhook.maxPerMinutePerSource, handle: endpoint },
    logLevel: options.logLevel ?? 'trace',
    logStream: { write: (line) => void lines.push(line) },
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    newCommandId: runtime.newCommandId,
    simulatorUrl: simulator.baseUrl,
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
    platform: simulatorPlatformClient(simulator.baseUrl, LOCAL_SIMULATOR_CREDENTIALS.clientId, LOCAL_SIMULATOR_CREDENTIALS.apiKey),
    webhookPath,
    close: async () => {
      await app.close();
      await runtime.close();
      data?.remove();
    },
  };
};
