import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { streamTimeline } from '../../application/audit/index.js';
import type { erasePersonalData } from '../../application/erasure/index.js';
import type { KycCoreDependencies } from '../../application/platform-commands/index.js';
import type { Clock } from '../../application/ports/clock.js';
import type { EventStore, ReadError } from '../../application/ports/event-store.js';
import type { PersonalDataKeyStore } from '../../application/ports/personal-data-key-store.js';
import type { PersonalDataVault } from '../../application/ports/personal-data-vault.js';
import type { WebhookInbox } from '../../application/ports/webhook-inbox.js';
import type { ProjectionBehind } from '../../application/projections/index.js';
import type { ProjectedKycReadModel } from '../../application/read-models/index.js';
import type { KycMetrics } from '../metrics/index.js';
import type { ApiKeys } from './api-key-file.js';
import type { CloseStack } from './close-stack.js';
import type { KycConfig } from './kyc-config.js';
import type { MangopayConnection } from './mangopay-from-config.js';
import type { PersonalDataMasterKey } from './personal-data-master-key.js';

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

/**
 * What `buildKycRuntime` opens before anything is wired (each asynchronous, each able to fail), as opened: the
 * stores before they are metered, Mangopay before it is, and the close stack that closes them all.
 */
export interface OpenedKycResources {
  readonly config: KycConfig;
  readonly clock: Clock;
  readonly eventStore: EventStore;
  readonly personalDataKeys: PersonalDataKeyStore;
  /** Kept (or read) and checked against the key store's record. */
  readonly masterKey: PersonalDataMasterKey;
  readonly readModel: ProjectedKycReadModel<unknown>;
  readonly inbox: WebhookInbox;
  readonly mangopay: MangopayConnection;
  readonly apiKeys: ApiKeys;
  /** Where the read model's catch-up tells what it could not do (a damaged stream set aside, a failed catch-up). */
  readonly onReadModelError: (message: string) => void;
  /** Every resource above that has a close, pushed in the order it was opened. */
  readonly opened: CloseStack;
}
