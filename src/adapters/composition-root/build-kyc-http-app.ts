import type { FastifyInstance } from 'fastify';
import type { HookRegistrationStatus } from '../../application/hook-registration/index.js';
import { receiveHook } from '../../application/webhooks/index.js';
import { createSweepMonitor, registerAuditorsConsole, type AuditorsConsoleDependencies } from '../auditors-console/index.js';
import { createHttpServer, logRefusals, registerPlatformRoutes, registerWebhooksRoutes, type HttpTimeouts } from '../http-service/index.js';
import { registerHttpMetrics } from '../metrics/index.js';
import { createWebhookEndpoint } from '../webhook-endpoint/index.js';
import { auditorsConsoleOfRuntime } from './auditors-console-of-runtime.js';
import type { KycRuntime } from './build-kyc-runtime.js';
import type { KycConfig } from './kyc-config.js';
import { readinessProbe } from './readiness-probe.js';

export const WEBHOOK_PATH = '/webhooks/mangopay';

/** Where hooks are taken (path only): /webhooks/mangopay, or /webhooks/mangopay/<secret> when a secret is configured. */
export const webhookPathOf = (webhook: KycConfig['webhook']): string => (webhook.secret === undefined ? WEBHOOK_PATH : `${WEBHOOK_PATH}/${webhook.secret}`);

/** What a running service adds to its app: its background work, which starts once the app is built. */
export interface KycHttpAppOptions {
  /** Where pino writes its JSON lines (default stdout). */
  readonly logStream?: { readonly write: (line: string) => void };
  /** Against slow clients; by default DEFAULT_HTTP_TIMEOUTS and the configured request budget (KYC_REQUEST_TIMEOUT_SECONDS). */
  readonly timeouts?: Partial<HttpTimeouts>;
  /** The registration of Mangopay's hooks: given, GET /ready is ready only once every hook is ours. */
  readonly hooks?: () => HookRegistrationStatus;
  /** Called once a hook is recorded in the inbox (the processor wakes). */
  readonly onHookRecorded?: () => void;
  /** The background sweep's last pass, for the console's Health page; default none yet. */
  readonly lastSweep?: AuditorsConsoleDependencies['lastSweep'];
}

/**
 * The service's one HTTP app, not listening: the platform API, Mangopay's hook endpoint, /metrics and the auditors'
 * console on one server set up as http-service's `createHttpServer` says. `kyc serve` listens on it; tests `inject`.
 */
export const buildKycHttpApp = (runtime: KycRuntime, options: KycHttpAppOptions = {}): FastifyInstance => {
  const { config } = runtime;
  const webhookPath = webhookPathOf(config.webhook);
  const allowed = config.webhook.allowedSources === undefined ? undefined : new Set(config.webhook.allowedSources);
  const endpoint = createWebhookEndpoint({
    receive: receiveHook({ inbox: runtime.inbox, clock: runtime.clock, ...(options.onHookRecorded === undefined ? {} : { onRecorded: options.onHookRecorded }) }),
    ...(allowed === undefined ? {} : { acceptsRemoteAddress: (address) => address !== undefined && allowed.has(address.replace(/^::ffff:/, '')) }),
  });
  const app = createHttpServer({
    apiKeys: runtime.apiKeys.keys,
    logLevel: config.logLevel,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    timeouts: { answer: config.timeBudgets.requestMs, ...options.timeouts },
    trustProxy: config.trustProxy,
    webhookPath,
  });
  registerHttpMetrics(app, runtime.metrics, { webhookPath });
  logRefusals(app);
  registerPlatformRoutes(app, {
    core: runtime.core,
    readModel: runtime.readModel.readModel,
    readModelCaughtUp: runtime.readModelCaughtUp,
    timeline: runtime.timeline,
    ready: readinessProbe(runtime, options.hooks === undefined ? {} : { hooks: options.hooks }),
    newCommandId: runtime.newCommandId,
    ...(runtime.mangopay.simulator === undefined || runtime.mangopay.simulatorCredentials === undefined
      ? {}
      : { simulator: { url: runtime.mangopay.simulator.baseUrl, ...runtime.mangopay.simulatorCredentials } }),
  });
  registerWebhooksRoutes(app, {
    path: webhookPath,
    maxPerMinutePerSource: config.webhook.maxPerMinutePerSource,
    handle: async (request) => {
      const answer = await endpoint(request);
      return { status: answer.status, headers: answer.headers, body: answer.body };
    },
  });
  registerAuditorsConsole(app, auditorsConsoleOfRuntime(runtime, { lastSweep: options.lastSweep ?? createSweepMonitor(runtime.clock.now).last }));
  return app;
};
