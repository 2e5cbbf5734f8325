import type { InjectionToken } from 'tsyringe';
import type { IdvSessionAggregate, KycDocumentAggregate, UserKycAggregate } from '../../application/aggregates.js';
import type { CommandHandler } from '../../application/command-handling/command-handler.js';
import type { Clock } from '../../application/ports/clock.js';
import type { EventStore } from '../../application/ports/event-store.js';
import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import type { PersonalDataVault } from '../../application/ports/personal-data-vault.js';
import type { KycCoreDependencies } from '../../application/platform-commands/index.js';
import type { KycConfig } from './kyc-config.js';

/** The container's names for what the composition root wires. Nothing outside this folder resolves them. */
export const TOKENS = {
  config: Symbol('KycConfig') as InjectionToken<KycConfig>,
  clock: Symbol('Clock') as InjectionToken<Clock>,
  eventStore: Symbol('EventStore') as InjectionToken<EventStore>,
  mangopay: Symbol('MangopayApi') as InjectionToken<MangopayApi>,
  vault: Symbol('PersonalDataVault') as InjectionToken<PersonalDataVault>,
  commandHandler: Symbol('CommandHandler') as InjectionToken<CommandHandler>,
  documents: Symbol('KycDocumentAggregate') as InjectionToken<KycDocumentAggregate>,
  sessions: Symbol('IdvSessionAggregate') as InjectionToken<IdvSessionAggregate>,
  users: Symbol('UserKycAggregate') as InjectionToken<UserKycAggregate>,
  core: Symbol('KycCoreDependencies') as InjectionToken<KycCoreDependencies>,
} as const;
