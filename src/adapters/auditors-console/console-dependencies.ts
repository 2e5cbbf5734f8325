import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { GlobalPosition, EventStore } from '../../application/ports/event-store.js';
import type { PersonalDataVault } from '../../application/ports/personal-data-vault.js';
import type { WebhookInbox } from '../../application/ports/webhook-inbox.js';
import type { KycReadModel } from '../../application/ports/kyc-read-model.js';
import type { AccessLog } from './access-log.js';
import type { IdentifyKey } from './key-roles.js';
import type { ConsoleAggregate } from './user-streams.js';

type Failure = { readonly type: string; readonly message: string };

/** The last pass of the background sweep this instance ran, as the Health page shows it. */
export interface SweepPass {
  readonly at: string;
  readonly due: number;
  readonly reconciled: number;
  readonly recordedEvents: number;
  readonly deferred: number;
  readonly failures: number;
}

/** What the auditors' console reads. It writes only its own access log: nothing of the platform's. */
export interface AuditorsConsoleDependencies {
  readonly store: EventStore;
  readonly vault?: PersonalDataVault;
  readonly documents: ConsoleAggregate;
  readonly sessions: ConsoleAggregate;
  readonly users: ConsoleAggregate;
  readonly readModel: KycReadModel;
  readonly readModelCaughtUp: TaskEither<Failure, void>;
  /** The read model's checkpoint (the position it has applied), for the projection lag. */
  readonly readModelCheckpoint: TaskEither<Failure, GlobalPosition | undefined>;
  readonly inbox: WebhookInbox;
  /** The last sweep pass, undefined before the first one (or with the sweep off). */
  readonly lastSweep: () => SweepPass | undefined;
  readonly identifyKey: IdentifyKey;
  readonly accessLog: AccessLog;
  /** The generated docs/auditors pages (renderAuditorDocs), by file name: what the Rules pages show. */
  readonly rulesPages: () => ReadonlyArray<{ readonly path: string; readonly content: string }>;
  readonly rulesVersion: string;
  /** The page policy this service judges pages with (`seed` or `current`). */
  readonly pagePolicyName: string;
  readonly now: () => Date;
  /** Whether the cookie is marked Secure: the service is reached over https (directly or behind a proxy). */
  readonly secureCookies: boolean;
}

/** Records the background sweep's passes for the Health page. */
export const createSweepMonitor = (now: () => Date) => {
  let last: SweepPass | undefined;
  return {
    record: (report: { readonly due: number; readonly reconciled: number; readonly recordedEvents: number; readonly deferred: number; readonly failures: ReadonlyArray<unknown> }) => {
      last = { at: now().toISOString(), due: report.due, reconciled: report.reconciled, recordedEvents: report.recordedEvents, deferred: report.deferred, failures: report.failures.length };
    },
    last: () => last,
  };
};
