// tsyringe needs a Reflect polyfill loaded before it is: this is the one module of the project that loads tsyringe.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { container as globalContainer, instancePerContainerCachingFactory, type DependencyContainer, type InjectionToken } from 'tsyringe';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../../application/aggregates.js';
import { streamTimeline, type AuditedEvent } from '../../application/audit/index.js';
import type { Aggregate } from '../../application/command-handling/aggregate.js';
import { createCommandHandler, jitteredBackoff } from '../../application/command-handling/index.js';
import { erasePersonalData, lastActivityInEventStore } from '../../application/erasure/index.js';
import { catchUp, caughtUpWithStore } from '../../application/projections/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, SEED_PAGE_POLICY } from '../../domain/kyc-document/index.js';
import { createAesGcmPersonalDataVault, MASTER_KEY_VARIABLE } from '../aes-gcm-personal-data-vault/index.js';
import { createKycMetrics, meteredEventStore, meteredMangopayApi, meteredWebhookInbox, registerScrapedGauges } from '../metrics/index.js';
import { apiKeyIdOf } from '../shared/http/index.js';
import { describeLocation } from './event-store-from-config.js';
import { KYC } from './kyc-tokens.js';
import type { KycRuntime, OpenedKycResources } from './kyc-runtime.js';
import { describeKeyLocation } from './personal-data-keys-from-config.js';
import { singleFlight } from './single-flight.js';

/** How long a list waits for the read model to reach what was acknowledged before it is answered 503 (retry). */
const READ_YOUR_WRITES_MAX_WAIT_MS = 5_000;

/**
 * The factories, registered once in a container of the composition root's own (a child of tsyringe's global one,
 * which stays untouched). Each is `instancePerContainerCachingFactory`: tsyringe calls it with the container the
 * token is resolved from, and keeps one instance per container. So a runtime's container (wireKycRuntime) holds one
 * instance of each service however often and wherever it is resolved, two runtimes share none, and a child that
 * registers a token anew gets every service built on that token anew (the others too: a child is a runtime of its
 * own over the same opened resources, its metrics included).
 */
const factories = globalContainer.createChildContainer();
const perRuntime = <T>(token: InjectionToken<T>, build: (c: DependencyContainer) => T): void => {
  factories.register(token, { useFactory: instancePerContainerCachingFactory(build) });
};

// Nothing to build: one function for every runtime, a registration so that a test can give its own.
factories.register(KYC.newCommandId, { useValue: randomUUID });
perRuntime(KYC.metrics, () => createKycMetrics());
perRuntime(KYC.eventStore, (c) => meteredEventStore(c.resolve(KYC.openedEventStore), c.resolve(KYC.metrics)));
perRuntime(KYC.mangopayApi, (c) => meteredMangopayApi(c.resolve(KYC.mangopayConnection).api, c.resolve(KYC.metrics)));
perRuntime(KYC.webhookInbox, (c) => meteredWebhookInbox(c.resolve(KYC.openedWebhookInbox), c.resolve(KYC.metrics)));
perRuntime(KYC.pagePolicy, (c) => (c.resolve(KYC.config).pagePolicy === 'current' ? CURRENT_MANGOPAY_PAGE_POLICY : SEED_PAGE_POLICY));
perRuntime(KYC.vault, (c) =>
  createAesGcmPersonalDataVault({ keys: c.resolve(KYC.personalDataKeys), clock: c.resolve(KYC.clock), masterKey: c.resolve(KYC.personalDataMasterKey).key }),
);
perRuntime(KYC.commandHandler, (c) =>
  createCommandHandler({ store: c.resolve(KYC.eventStore), clock: c.resolve(KYC.clock), retry: jitteredBackoff({}), vault: c.resolve(KYC.vault) }),
);
perRuntime(KYC.core, (c) => ({
  store: c.resolve(KYC.eventStore),
  handle: c.resolve(KYC.commandHandler),
  mangopay: c.resolve(KYC.mangopayApi),
  documents: kycDocumentAggregate(c.resolve(KYC.pagePolicy)),
  sessions: idvSessionAggregate,
  users: userKycAggregate,
  vault: c.resolve(KYC.vault),
}));
perRuntime(KYC.erase, (c) => {
  const core = c.resolve(KYC.core);
  return erasePersonalData({
    handle: core.handle,
    users: core.users,
    vault: c.resolve(KYC.vault),
    clock: c.resolve(KYC.clock),
    lastActivityOf: lastActivityInEventStore(core.store),
    retentionYears: c.resolve(KYC.config).retentionYears,
  });
});
perRuntime(KYC.refreshReadModel, (c) => {
  const events = c.resolve(KYC.eventStore);
  const { checkpoints, projection } = c.resolve(KYC.readModel);
  const onReadModelError = c.resolve(KYC.readModelErrors);
  return singleFlight(async () => {
    // Never rejects: it runs from a timer and from requests, and a rejection there would end the process or answer 500.
    const caughtUp = await catchUp({ events, checkpoints, projection })().catch(
      (): E.Either<{ readonly type: string; readonly message: string }, never> => E.left({ type: 'UNEXPECTED', message: 'the catch-up failed unexpectedly' }),
    );
    // Another process moving the same checkpoint is fine: it applied the same events.
    if (E.isLeft(caughtUp) && caughtUp.left.type !== 'CHECKPOINT_MOVED') onReadModelError(caughtUp.left.message);
  });
});
perRuntime(KYC.readModelCaughtUp, (c) => {
  const { checkpoints, projection } = c.resolve(KYC.readModel);
  return caughtUpWithStore({
    events: c.resolve(KYC.eventStore),
    checkpoints,
    projection: projection.name,
    catchUp: c.resolve(KYC.refreshReadModel),
    clock: c.resolve(KYC.clock),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxWaitMs: READ_YOUR_WRITES_MAX_WAIT_MS,
  });
});
perRuntime(KYC.timeline, (c) => {
  const core = c.resolve(KYC.core);
  return streamTimeline(core.store, [core.documents, core.sessions, core.users] as unknown as ReadonlyArray<Aggregate<unknown, AuditedEvent, unknown, unknown>>, c.resolve(KYC.vault));
});
perRuntime(KYC.description, (c) => {
  const config = c.resolve(KYC.config);
  const apiKeys = c.resolve(KYC.apiKeys);
  const master = c.resolve(KYC.personalDataMasterKey);
  return [
    `events: ${describeLocation(config.eventStore)}`,
    `Mangopay: ${c.resolve(KYC.mangopayConnection).description}`,
    `page policy: ${c.resolve(KYC.pagePolicy).name}`,
    apiKeys.file === undefined
      ? `API keys: ${apiKeys.keys.length} configured (KYC_API_KEYS): ${apiKeys.keys.map((grant) => `${apiKeyIdOf(grant.key)} (${grant.role})`).join(', ')}`
      : `API key: ${apiKeys.generated ? 'created in' : 'read from'} ${apiKeys.file} (owner-only); CLI commands read it from there or from KYC_API_KEY; an auditor's read-only key is in ${apiKeys.auditorFile}`,
    `personal data: sealed with AES-256-GCM, one data key per user, kept ${describeKeyLocation(config.eventStore)}`,
    master.created
      ? `personal data master key: none configured (${MASTER_KEY_VARIABLE}), so one was created in ${master.source} (owner-only); back it up apart from the data: without it no personal data opens`
      : `personal data master key: from ${master.source}`,
  ];
});

/** The container each runtime was resolved from (kept here, not on the runtime: only a test or an embedder asks). */
const containers = new WeakMap<KycRuntime, DependencyContainer>();

perRuntime(KYC.runtime, (c) => {
  const core = c.resolve(KYC.core);
  const metrics = c.resolve(KYC.metrics);
  const inbox = c.resolve(KYC.webhookInbox);
  const readModel = c.resolve(KYC.readModel);
  const clock = c.resolve(KYC.clock);
  registerScrapedGauges(metrics, { inbox, events: core.store, checkpoints: readModel.checkpoints, projection: readModel.projection.name, clock });
  const runtime: KycRuntime = {
    config: c.resolve(KYC.config),
    core,
    clock,
    mangopay: c.resolve(KYC.mangopayConnection),
    readModel,
    inbox,
    refreshReadModel: c.resolve(KYC.refreshReadModel),
    readModelCaughtUp: c.resolve(KYC.readModelCaughtUp),
    timeline: c.resolve(KYC.timeline),
    vault: c.resolve(KYC.vault),
    erase: c.resolve(KYC.erase),
    description: c.resolve(KYC.description),
    newCommandId: c.resolve(KYC.newCommandId),
    apiKeys: c.resolve(KYC.apiKeys),
    metrics,
    // The close stack is the one shutdown, not tsyringe's dispose(): dispose() starts the dispose of every instance
    // the container holds at once, in no order, and rejects with the first failure; the stack closes what was opened
    // in the reverse order of opening, every close tried. A child's runtime closes the same resources (its parent's).
    close: c.resolve(KYC.closeStack).closeAll,
  };
  containers.set(runtime, c);
  return runtime;
});

/**
 * A runtime's container: a child of the factories' container holding what was opened, as values. Nothing is built
 * until a token is resolved; `resolve(KYC.runtime)` builds the runtime and what it needs, each service once.
 */
export const wireKycRuntime = (opened: OpenedKycResources): DependencyContainer => {
  const wired = factories.createChildContainer();
  wired.register(KYC.config, { useValue: opened.config });
  wired.register(KYC.clock, { useValue: opened.clock });
  wired.register(KYC.openedEventStore, { useValue: opened.eventStore });
  wired.register(KYC.personalDataKeys, { useValue: opened.personalDataKeys });
  wired.register(KYC.personalDataMasterKey, { useValue: opened.masterKey });
  wired.register(KYC.readModel, { useValue: opened.readModel });
  wired.register(KYC.openedWebhookInbox, { useValue: opened.inbox });
  wired.register(KYC.mangopayConnection, { useValue: opened.mangopay });
  wired.register(KYC.apiKeys, { useValue: opened.apiKeys });
  wired.register(KYC.readModelErrors, { useValue: opened.onReadModelError });
  wired.register(KYC.closeStack, { useValue: opened.opened });
  return wired;
};

/**
 * The container a runtime was resolved from, for a test or an embedder that wants the same runtime with one thing
 * changed: `const child = runtimeContainer(runtime).createChildContainer(); child.register(KYC.clock, { useValue:
 * clock }); child.resolve(KYC.runtime)`. Throws for an object no container made (a runtime spread into a new one).
 */
export const runtimeContainer = (runtime: KycRuntime): DependencyContainer => {
  const found = containers.get(runtime);
  if (found === undefined) throw new Error('this runtime was not resolved from a runtime container (wireKycRuntime)');
  return found;
};
