import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../../application/aggregates.js';
import { streamTimeline, type AuditedEvent } from '../../application/audit/index.js';
import type { Aggregate } from '../../application/command-handling/aggregate.js';
import { createCommandHandler, jitteredBackoff } from '../../application/command-handling/index.js';
import type { Clock } from '../../application/ports/clock.js';
import type { ReadError } from '../../application/ports/event-store.js';
import type { WebhookInbox } from '../../application/ports/webhook-inbox.js';
import type { KycCoreDependencies } from '../../application/platform-commands/index.js';
import { erasePersonalData, lastActivityInEventStore } from '../../application/erasure/index.js';
import type { PersonalDataVault } from '../../application/ports/personal-data-vault.js';
import { catchUp, caughtUpWithStore, type ProjectionBehind } from '../../application/projections/index.js';
import type { ProjectedKycReadModel } from '../../application/read-models/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, SEED_PAGE_POLICY } from '../../domain/kyc-document/index.js';
import { createAesGcmPersonalDataVault, MASTER_KEY_VARIABLE } from '../aes-gcm-personal-data-vault/index.js';
import { systemClock } from '../clock/index.js';
import { apiKeyIdOf } from '../shared/http/index.js';
import { apiKeysAsRead, chooseApiKeys, keepApiKeys, type ApiKeys } from './api-key-file.js';
import { describeLocation, eventStoreFromConfig } from './event-store-from-config.js';
import type { KycConfig } from './kyc-config.js';
import { mangopayFromConfig, type MangopayConnection } from './mangopay-from-config.js';
import { describeKeyLocation, personalDataKeysFromConfig } from './personal-data-keys-from-config.js';
import { choosePersonalDataMasterKey, keepPersonalDataMasterKey, wrongMasterKey } from './personal-data-master-key.js';
import { checkMasterKey, recordMasterKeyCheck } from './master-key-check.js';
import { sideStoresFromConfig } from './side-stores-from-config.js';
import { closeStack } from './close-stack.js';
import { createKycMetrics, meteredEventStore, meteredMangopayApi, meteredWebhookInbox, registerScrapedGauges, type KycMetrics } from '../metrics/index.js';
import { singleFlight } from './single-flight.js';

/** Everything a service, the CLI or a test needs, wired from configuration. */
export interface KycRuntime {
  readonly config: KycConfig;
  readonly core: KycCoreDependencies;
  readonly clock: Clock;
  readonly mangopay: MangopayConnection;
  readonly readModel: ProjectedKycReadModel<unknown>;
  readonly inbox: WebhookInbox;
  /** Brings the read model up to the last event (calls never overlap). */
  readonly refreshReadModel: () => Promise<void>;
  /** Waits until the read model has every event the store acknowledged before the call, whichever instance wrote it. */
  readonly readModelCaughtUp: TaskEither<ProjectionBehind | ReadError, void>;
  readonly timeline: ReturnType<typeof streamTimeline>;
  /** Seals personal fields before they are appended and opens them when read (AES-256-GCM, a key per user). */
  readonly vault: PersonalDataVault;
  /** `kyc erase`: destroys a user's data key, refused before the end of retention unless forced; recorded. */
  readonly erase: ReturnType<typeof erasePersonalData>;
  /** What was started, in words for the operator (never with credentials). */
  readonly description: ReadonlyArray<string>;
  readonly newCommandId: () => string;
  /** The platform API's keys: configured, or kept in the data directory (created on first start). */
  readonly apiKeys: ApiKeys;
  /** This instance's metrics (a registry of its own): Mangopay calls, events recorded, inbox and read model gauges. */
  readonly metrics: KycMetrics;
  /** Closes what the runtime opened, in the reverse order (every close is tried; failures are thrown after). */
  readonly close: () => Promise<void>;
}

export interface RuntimeStartFailure {
  readonly type: 'RUNTIME_START_FAILED';
  readonly message: string;
}

/** How long a list waits for the read model to reach what was acknowledged before it is answered 503 (retry). */
const READ_YOUR_WRITES_MAX_WAIT_MS = 5_000;

const failed = (message: string): E.Either<RuntimeStartFailure, never> => E.left({ type: 'RUNTIME_START_FAILED', message });

/**
 * The composition root: creates the stores, Mangopay (or the simulator) and the read model, and wires the use
 * cases' dependencies from them, by hand. A plain function serves better than a tsyringe container here: every
 * resource is created asynchronously and may fail (a container's factories are synchronous, so it could only be
 * handed finished values), everything lives exactly as long as the runtime (one call, one set of instances: each
 * test builds its own, nothing is global), and shutdown must run in the reverse order of opening and survive a
 * failing close, which tsyringe's `dispose()` (every constructed instance at once) does not do: the close stack does.
 */
export const buildKycRuntime =
  (
    config: KycConfig,
    options: {
      readonly clock?: Clock;
      readonly onReadModelError?: (message: string) => void;
      /** `existing`: never create a secret (read-only commands); default `create` (first start of a service). */
      readonly secrets?: 'create' | 'existing';
    } = {},
  ): TaskEither<RuntimeStartFailure, KycRuntime> =>
  async () => {
    const clock = options.clock ?? systemClock;
    const createsSecrets = options.secrets !== 'existing';
    // Nothing is written until every check has passed: a start that fails leaves the data directory and the
    // database as they were (secrets are chosen first, kept only at the end).
    const apiKeyChoice = chooseApiKeys(config.apiKeys, config.dataDir);
    if (E.isLeft(apiKeyChoice)) return failed(`The API key file: ${apiKeyChoice.left.message}`);
    const pagePolicy = config.pagePolicy === 'current' ? CURRENT_MANGOPAY_PAGE_POLICY : SEED_PAGE_POLICY;

    const chosen = choosePersonalDataMasterKey({ [MASTER_KEY_VARIABLE]: config.personalDataMasterKey }, config.dataDir, config.eventStore);
    if (E.isLeft(chosen)) return failed(chosen.left.message);

    const opened = closeStack();
    const failedAfterOpening = async (message: string): Promise<E.Either<RuntimeStartFailure, never>> => {
      await opened.closeAll();
      return failed(message);
    };

    const store = await eventStoreFromConfig(config.eventStore)();
    if (E.isLeft(store)) return failed(`The event store (${describeLocation(config.eventStore)}) cannot start: ${store.left.message}`);
    opened.push(() => store.right.close());
    const keys = await personalDataKeysFromConfig(config.eventStore)();
    if (E.isLeft(keys)) return failedAfterOpening(`The personal data keys cannot be opened: ${keys.left.message}`);
    opened.push(() => keys.right.close());
    const checked = config.eventStore.kind === 'memory' ? E.right({ kind: 'matches' } as const) : await checkMasterKey(keys.right, chosen.right.key);
    if (E.isLeft(checked)) return failedAfterOpening(`The personal data keys cannot be checked: ${checked.left.message}`);
    if (checked.right.kind === 'other-key') return failedAfterOpening(wrongMasterKey(chosen.right, config.dataDir));
    // A damaged event sets its stream aside in the lists (every other stream goes on); the operator is told which.
    const side = await sideStoresFromConfig(config.eventStore, (unreadable) =>
      options.onReadModelError?.(`${unreadable.message}: stream ${unreadable.streamName} is left out of the lists from version ${unreadable.streamVersion} on until it is repaired and the read model rebuilt`),
    );
    if (E.isLeft(side)) return failedAfterOpening(side.left.message);
    opened.push(() => side.right.close());
    let mangopay: MangopayConnection;
    try {
      mangopay = await mangopayFromConfig(config.mangopay, config.pagePolicy === 'current' ? 'today' : 'seed', config.timeBudgets);
    } catch (error) {
      return failedAfterOpening(`The Mangopay simulator cannot start (${error instanceof Error ? error.message : 'unknown cause'})`);
    }
    opened.push(async () => mangopay.simulator?.close());

    // Every check passed: now the secrets chosen are kept (a racing start may have kept its own first: that one wins).
    const master = createsSecrets ? keepPersonalDataMasterKey(chosen.right, config.dataDir) : E.right(chosen.right);
    if (E.isLeft(master)) return failedAfterOpening(master.left.message);
    if (createsSecrets && checked.right.kind === 'unrecorded') {
      const recorded = await recordMasterKeyCheck(keys.right, master.right.key, clock.now().toISOString());
      if (E.isLeft(recorded)) return failedAfterOpening(`The personal data keys cannot be checked: ${recorded.left.message}`);
      if (recorded.right.kind === 'other-key') return failedAfterOpening(wrongMasterKey(master.right, config.dataDir));
    }
    const keptKeys = createsSecrets ? keepApiKeys(apiKeyChoice.right) : E.right(apiKeysAsRead(apiKeyChoice.right));
    if (E.isLeft(keptKeys)) return failedAfterOpening(`The API key file: ${keptKeys.left.message}`);
    const apiKeys: ApiKeys = keptKeys.right;

    const metrics = createKycMetrics();
    const events = meteredEventStore(store.right, metrics);
    const vault = createAesGcmPersonalDataVault({ keys: keys.right, clock, masterKey: master.right.key });
    const core: KycCoreDependencies = {
      store: events,
      handle: createCommandHandler({ store: events, clock, retry: jitteredBackoff({}), vault }),
      mangopay: meteredMangopayApi(mangopay.api, metrics),
      documents: kycDocumentAggregate(pagePolicy),
      sessions: idvSessionAggregate,
      users: userKycAggregate,
      vault,
    };
    const erase = erasePersonalData({
      handle: core.handle,
      users: core.users,
      vault,
      clock,
      lastActivityOf: lastActivityInEventStore(core.store),
      retentionYears: config.retentionYears,
    });

    const { readModel } = side.right;
    const inbox = meteredWebhookInbox(side.right.inbox, metrics);
    registerScrapedGauges(metrics, { inbox, events, checkpoints: readModel.checkpoints, projection: readModel.projection.name, clock });
    const refreshReadModel = singleFlight(async () => {
      // Never rejects: it runs from a timer and from requests, and a rejection there would end the process or answer 500.
      const caughtUp = await catchUp({ events: core.store, checkpoints: readModel.checkpoints, projection: readModel.projection })().catch(
        (): E.Either<{ readonly type: string; readonly message: string }, never> => E.left({ type: 'UNEXPECTED', message: 'the catch-up failed unexpectedly' }),
      );
      // Another process moving the same checkpoint is fine: it applied the same events.
      if (E.isLeft(caughtUp) && caughtUp.left.type !== 'CHECKPOINT_MOVED') options.onReadModelError?.(caughtUp.left.message);
    });
    const readModelCaughtUp = caughtUpWithStore({
      events: core.store,
      checkpoints: readModel.checkpoints,
      projection: readModel.projection.name,
      catchUp: refreshReadModel,
      clock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      maxWaitMs: READ_YOUR_WRITES_MAX_WAIT_MS,
    });
    const timeline = streamTimeline(core.store, [core.documents, core.sessions, core.users] as unknown as ReadonlyArray<
      Aggregate<unknown, AuditedEvent, unknown, unknown>
    >, vault);

    return E.right({
      config,
      core,
      clock,
      mangopay,
      readModel,
      inbox,
      refreshReadModel,
      readModelCaughtUp,
      timeline,
      vault,
      erase,
      description: [
        `events: ${describeLocation(config.eventStore)}`,
        `Mangopay: ${mangopay.description}`,
        `page policy: ${pagePolicy.name}`,
        apiKeys.file === undefined
          ? `API keys: ${apiKeys.keys.length} configured (KYC_API_KEYS): ${apiKeys.keys.map((grant) => `${apiKeyIdOf(grant.key)} (${grant.role})`).join(', ')}`
          : `API key: ${apiKeys.generated ? 'created in' : 'read from'} ${apiKeys.file} (owner-only); CLI commands read it from there or from KYC_API_KEY; an auditor's read-only key is in ${apiKeys.auditorFile}`,
        `personal data: sealed with AES-256-GCM, one data key per user, kept ${describeKeyLocation(config.eventStore)}`,
        master.right.created
          ? `personal data master key: none configured (${MASTER_KEY_VARIABLE}), so one was created in ${master.right.source} (owner-only); back it up apart from the data: without it no personal data opens`
          : `personal data master key: from ${master.right.source}`,
      ],
      newCommandId: randomUUID,
      apiKeys,
      metrics,
      close: opened.closeAll,
    });
  };
