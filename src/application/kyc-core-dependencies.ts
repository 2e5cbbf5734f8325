import type { IdvSessionAggregate, KycDocumentAggregate, UserKycAggregate } from './aggregates.js';
import type { CommandHandler } from './command-handling/command-handler.js';
import type { EventStore } from './ports/event-store.js';
import type { MangopayApi } from './ports/mangopay-api.js';
import type { PersonalDataVault } from './ports/personal-data-vault.js';

/** What the use cases need: the command handler over a store, Mangopay, and the aggregates (the page policy lives in `documents`). */
export interface KycCoreDependencies {
  readonly store: EventStore;
  readonly handle: CommandHandler;
  readonly mangopay: MangopayApi;
  readonly documents: KycDocumentAggregate;
  readonly sessions: IdvSessionAggregate;
  readonly users: UserKycAggregate;
  /** Opens the personal fields of what is read; give the one `handle` seals with (none: data is not sealed). */
  readonly vault?: PersonalDataVault;
}
