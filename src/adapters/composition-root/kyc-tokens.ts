import type { InjectionToken } from 'tsyringe';
import type { CommandHandler } from '../../application/command-handling/command-handler.js';
import type { KycCoreDependencies } from '../../application/platform-commands/index.js';
import type { Clock } from '../../application/ports/clock.js';
import type { EventStore } from '../../application/ports/event-store.js';
import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import type { PersonalDataKeyStore } from '../../application/ports/personal-data-key-store.js';
import type { PersonalDataVault } from '../../application/ports/personal-data-vault.js';
import type { WebhookInbox } from '../../application/ports/webhook-inbox.js';
import type { ProjectedKycReadModel } from '../../application/read-models/index.js';
import type { PagePolicy } from '../../domain/kyc-document/index.js';
import type { KycMetrics } from '../metrics/index.js';
import type { ApiKeys } from './api-key-file.js';
import type { CloseStack } from './close-stack.js';
import type { KycConfig } from './kyc-config.js';
import type { KycRuntime } from './kyc-runtime.js';
import type { MangopayConnection } from './mangopay-from-config.js';
import type { PersonalDataMasterKey } from './personal-data-master-key.js';

const token = <T>(name: string): InjectionToken<T> => Symbol(name);

/**
 * The runtime container's names (kyc-runtime-container.ts). The opened ones are values of a runtime's container;
 * every other one is built from them by a factory, once per container. A child container that registers one of
 * them anew (`child.register(KYC.mangopayApi, { useValue: stalling })`) gets, from `child.resolve(KYC.runtime)`,
 * a runtime whose every service built on it uses it.
 */
export const KYC = {
  // Opened by buildKycRuntime, in this order, and closed by its close stack in the reverse order.
  config: token<KycConfig>('KycConfig'),
  clock: token<Clock>('Clock'),
  openedEventStore: token<EventStore>('OpenedEventStore'),
  personalDataKeys: token<PersonalDataKeyStore>('PersonalDataKeyStore'),
  personalDataMasterKey: token<PersonalDataMasterKey>('PersonalDataMasterKey'),
  readModel: token<ProjectedKycReadModel<unknown>>('ProjectedKycReadModel'),
  openedWebhookInbox: token<WebhookInbox>('OpenedWebhookInbox'),
  mangopayConnection: token<MangopayConnection>('MangopayConnection'),
  apiKeys: token<ApiKeys>('ApiKeys'),
  readModelErrors: token<(message: string) => void>('ReadModelErrors'),
  closeStack: token<CloseStack>('CloseStack'),
  // Built from those.
  metrics: token<KycMetrics>('KycMetrics'),
  eventStore: token<EventStore>('EventStore'),
  mangopayApi: token<MangopayApi>('MangopayApi'),
  webhookInbox: token<WebhookInbox>('WebhookInbox'),
  pagePolicy: token<PagePolicy>('PagePolicy'),
  vault: token<PersonalDataVault>('PersonalDataVault'),
  commandHandler: token<CommandHandler>('CommandHandler'),
  core: token<KycCoreDependencies>('KycCoreDependencies'),
  erase: token<KycRuntime['erase']>('ErasePersonalData'),
  refreshReadModel: token<KycRuntime['refreshReadModel']>('RefreshReadModel'),
  readModelCaughtUp: token<KycRuntime['readModelCaughtUp']>('ReadModelCaughtUp'),
  timeline: token<KycRuntime['timeline']>('AuditTimeline'),
  newCommandId: token<() => string>('NewCommandId'),
  description: token<ReadonlyArray<string>>('RuntimeDescription'),
  runtime: token<KycRuntime>('KycRuntime'),
} as const;
