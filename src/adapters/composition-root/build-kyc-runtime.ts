import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
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
import { apiKeyIdOf } from '../http-service/api-key-authentication.js';
import { ensureApiKeys, type ApiKeys } from './api-key-file.js';
import { describeLocation, eventStoreFromConfig } from './event-store-from-config.js';
import type { KycConfig } from './kyc-config.js';
import { mangopayFromConfig, type MangopayConnection } from './mangopay-from-config.js';
import { describeKeyLocation, personalDataKeysFromConfig } from './personal-data-keys-from-config.js';
import { ensurePersonalDataMasterKey } from './personal-data-master-key.js';
import { sideStoresFromConfig } from './side-stores-from-config.js';
import { singleFlight } from './single-flight.js';
import { TOKENS } from './tokens.js';

/** Everything a service, the CLI or a test needs, wired from configuration. */
export interface KycRuntime {
  readonly config: KycConfig;
  readonly container: DependencyContainer;
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
 * The composition root: creates the stores, Mangopay (or the simulator) and the read model, registers them
 * in a child tsyringe container, and resolves the use cases' dependencies from it. Nothing else in the
 * project reaches for the container.
 */
export const buildKycRuntime =
  (config: KycConfig, options: { readonly clock?: Clock; readonly onReadModelError?: (message: string) => void } = {}): TaskEither<RuntimeStartFailure, KycRuntime> =>
  async () => {
    const clock = options.clock ?? systemClock;
    const keptKeys = ensureApiKeys(config.apiKeys, config.dataDir);
    if (E.isLeft(keptKeys)) return failed(`The API key file: ${keptKeys.left.message}`);
    const apiKeys: ApiKeys = keptKeys.right;
    const pagePolicy = config.pagePolicy === 'current' ? CURRENT_MANGOPAY_PAGE_POLICY : SEED_PAGE_POLICY;

    const master = ensurePersonalDataMasterKey({ [MASTER_KEY_VARIABLE]: config.personalDataMasterKey }, config.dataDir, config.eventStore);
    if (E.isLeft(master)) return failed(master.left.message);

    const store = await eventStoreFromConfig(config.eventStore)();
    if (E.isLeft(store)) return failed(`The event store (${describeLocation(config.eventStore)}) cannot start: ${store.left.message}`);
    const keys = await personalDataKeysFromConfig(config.eventStore)();
    if (E.isLeft(keys)) {
      await store.right.close();
      return failed(`The personal data keys cannot be opened: ${keys.left.message}`);
    }
    // A damaged event sets its stream aside in the lists (every other stream goes on); the operator is told which.
    const side = await sideStoresFromConfig(config.eventStore, (unreadable) =>
      options.onReadModelError?.(`${unreadable.message}: stream ${unreadable.streamName} is left out of the lists from version ${unreadable.streamVersion} on until it is repaired and the read model rebuilt`),
    );
    if (E.isLeft(side)) {
      await keys.right.close();
      await store.right.close();
      return failed(side.left.message);
    }
    let mangopay: MangopayConnection;
    try {
      mangopay = await mangopayFromConfig(config.mangopay, config.pagePolicy === 'current' ? 'today' : 'seed');
    } catch (error) {
      await side.right.close();
      await keys.right.close();
      await store.right.close();
      return failed(`The Mangopay simulator cannot start (${error instanceof Error ? error.message : 'unknown cause'})`);
    }

    const container = rootContainer.createChildContainer();
    container.register(TOKENS.config, { useValue: config });
    container.register(TOKENS.clock, { useValue: clock });
    container.register(TOKENS.eventStore, { useValue: store.right });
    container.register(TOKENS.vault, { useValue: createAesGcmPersonalDataVault({ keys: keys.right, clock, masterKey: master.right.key }) });
    container.register(TOKENS.mangopay, { useValue: mangopay.api });
    container.register(TOKENS.documents, { useValue: kycDocumentAggregate(pagePolicy) });
    container.register(TOKENS.sessions, { useValue: idvSessionAggregate });
    container.register(TOKENS.users, { useValue: userKycAggregate });
    container.register(TOKENS.commandHandler, {
      useFactory: instanceCachingFactory((c) =>
        createCommandHandler({ store: c.resolve(TOKENS.eventStore), clock: c.resolve(TOKENS.clock), retry: jitteredBackoff({}), vault: c.resolve(TOKENS.vault) }),
      ),
    });
    container.register(TOKENS.core, {
      useFactory: instanceCachingFactory(
        (c): KycCoreDependencies => ({
          store: c.resolve(TOKENS.eventStore),
          handle: c.resolve(TOKENS.commandHandler),
          mangopay: c.resolve(TOKENS.mangopay),
          documents: c.resolve(TOKENS.documents),
          sessions: c.resolve(TOKENS.sessions),
          users: c.resolve(TOKENS.users),
          vault: c.resolve(TOKENS.vault),
        }),
      ),
    });
    const core = container.resolve(TOKENS.core);
    const vault = container.resolve(TOKENS.vault);
    const erase = erasePersonalData({
      handle: core.handle,
      users: core.users,
      vault,
      clock,
      lastActivityOf: lastActivityInEventStore(core.store),
      retentionYears: config.retentionYears,
    });

    const { readModel, inbox } = side.right;
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
      container,
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
      close: async () => {
        await mangopay.simulator?.close();
        await side.right.close();
        await keys.right.close();
        await store.right.close();
        container.clearInstances();
      },
    });
  };
