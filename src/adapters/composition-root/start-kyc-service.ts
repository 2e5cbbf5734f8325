import * as E from 'fp-ts/lib/Either.js';
import { registerHooks, startHookRegistration, type HookRegistrationLoopOptions } from '../../application/hook-registration/index.js';
import { AbsoluteUrl } from '../../application/ports/mangopay-api.js';
import { createRefetchBudget, createUnknownIds, startBackgroundSweep, startInboxProcessor } from '../../application/webhooks/index.js';
import { createSweepMonitor } from '../auditors-console/index.js';
import { recordSweepPass } from '../metrics/index.js';
import { buildKycHttpApp, WEBHOOK_PATH, webhookPathOf } from './build-kyc-http-app.js';
import type { KycRuntime } from './build-kyc-runtime.js';
import type { HookRegistrationStatus } from '../../application/hook-registration/index.js';
import { UNKNOWN_IDS_CAPACITY, UNKNOWN_IDS_REMEMBERED_MS } from '../../application/webhooks/webhook-handling-defaults.js';

export interface RunningKycService {
  /** Where the platform API answers, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, drains requests in flight, stops the processors, closes the stores. */
  readonly stop: () => Promise<void>;
}

/**
 * `kyc serve`: the platform API and Mangopay's webhook endpoint on one port, the inbox processor, the sweep
 * and the read model's catch-up in the background, and hooks registered at Mangopay for every event type handled.
 * The processor and the sweep share one budget of Mangopay calls, apart from the platform's commands.
 */
export const startKycService = async (
  runtime: KycRuntime,
  options: {
    readonly host?: string;
    readonly log?: (line: string) => void;
    /** Where pino writes its JSON lines (default stdout); the CLI gives stderr, keeping stdout for what it prints. */
    readonly logStream?: { readonly write: (line: string) => void };
    /** Called once the port is listened on: from then on a stop must drain requests. */
    readonly onListening?: () => void;
    /** The pauses between registration attempts (defaults: backoff from 1 s to 60 s). */
    readonly hookRegistration?: Pick<HookRegistrationLoopOptions, 'firstRetryMs' | 'maxRetryMs' | 'heldElsewhereRecheckMs'>;
  } = {},
): Promise<RunningKycService> => {
  const log = options.log ?? (() => undefined);
  let hookStatus = (): HookRegistrationStatus => ({ state: 'pending', failures: 0 });
  let wakeProcessor = (): void => undefined;
  const { webhook } = runtime.config;
  const webhookPath = webhookPathOf(webhook);
  const sweeps = createSweepMonitor(runtime.clock.now);
  const app = buildKycHttpApp(runtime, {
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    hooks: () => hookStatus(),
    onHookRecorded: () => wakeProcessor(),
    lastSweep: sweeps.last,
  });

  try {
    await app.listen({ port: runtime.config.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    // Nothing of this service may keep the process alive once its start failed.
    await app.close();
    throw error;
  }
  options.onListening?.();
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : runtime.config.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  // One budget for everything this instance asks Mangopay on its own; the platform's commands never wait on it.
  const budget = createRefetchBudget(runtime.clock, { perMinute: runtime.config.backgroundCallsPerMinute });
  const unknownIds = createUnknownIds(runtime.clock, { forMs: UNKNOWN_IDS_REMEMBERED_MS, capacity: UNKNOWN_IDS_CAPACITY });
  const processor = startInboxProcessor(
    { core: runtime.core, inbox: runtime.inbox, clock: runtime.clock, budget, unknownIds },
    {
      onRound: () => void runtime.refreshReadModel(),
      onInboxFailure: (error) => app.log.warn({ type: error.type, detail: error.message }, 'webhook inbox unreachable'),
      onUnexpectedError: () => app.log.error('webhook processor round failed unexpectedly'),
      purge: { retentionMs: runtime.config.inboxRetentionDays * 86_400_000 },
    },
  );
  wakeProcessor = processor.wake;
  const { sweep } = runtime.config;
  const sweeper =
    sweep.everySeconds === 0
      ? undefined
      : startBackgroundSweep(
          { core: runtime.core, clock: runtime.clock, budget },
          {
            everyMs: sweep.everySeconds * 1_000,
            olderThanMs: sweep.olderThanSeconds * 1_000,
            onPass: (report) => {
              sweeps.record(report);
              recordSweepPass(runtime.metrics, report, runtime.clock.now());
              if (report.recordedEvents > 0) void runtime.refreshReadModel();
              if (report.failures.length > 0 || report.deferred > 0) {
                app.log.warn({ due: report.due, failed: report.failures.length, deferred: report.deferred }, 'sweep left resources for a later pass');
              }
            },
            onReadFailure: (error) => app.log.warn({ type: error.type, detail: error.message }, 'sweep could not read the event log'),
          },
        );
  const readModelTimer = setInterval(() => void runtime.refreshReadModel(), 1_000);
  readModelTimer.unref();

  // Our URL: where Mangopay reaches us, with the secret segment if configured (never logged: `shown` masks it).
  const publicBase = runtime.config.publicUrl ?? url;
  const hookUrl = AbsoluteUrl.decode(`${publicBase}${webhookPath}`);
  const shown = `${publicBase}${WEBHOOK_PATH}${webhook.secret === undefined ? '' : '/<secret>'}`;
  const hooks = E.isLeft(hookUrl)
    ? undefined
    : startHookRegistration(registerHooks(runtime.core.mangopay, hookUrl.right, { takeOver: webhook.takeOver }), {
        ...options.hookRegistration,
        onFailure: (type, retryInMs) => app.log.warn({ type, retryInMs }, 'hooks could not be registered at Mangopay; retrying in the background'),
        onHeldElsewhere: (eventTypes) =>
          app.log.warn({ eventTypes }, "Mangopay's hooks for these event types target another URL and were left alone (KYC_WEBHOOK_TAKE_OVER=true points them here)"),
        onRegistered: (registrations) => {
          const refused = registrations.filter((registration) => registration.action === 'refused-by-mangopay').map((registration) => registration.eventType);
          const delivered = registrations.length - refused.length;
          log(`hooks: ${delivered} event types delivered to ${shown}${refused.length === 0 ? '' : `; Mangopay refused ${refused.join(', ')} (named by its SDKs only; the sweep covers them)`}`);
        },
      });
  if (hooks === undefined) app.log.error('the webhook URL is not a valid absolute URL: no hooks registered');
  else {
    hookStatus = hooks.status;
    // The first attempt is awaited so that, Mangopay reachable, hooks are registered once the service is up;
    // the API is already served meanwhile, and a failure is retried in the background.
    await hooks.firstAttempt;
  }
  for (const line of runtime.description) log(line);
  log(`auditors' console on ${url}/console (sign in with an API key; read-only)`);
  log(`platform API on ${url} (OpenAPI at ${url}/openapi.json; every route but /health and /ready needs the API key)`);

  return {
    url,
    port,
    stop: async () => {
      clearInterval(readModelTimer);
      await hooks?.stop();
      await app.close();
      await processor.stop();
      await sweeper?.stop();
      await runtime.close();
    },
  };
};
