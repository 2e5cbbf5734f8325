import type { MangopayId } from '../domain/shared/bounded-string.js';
import type { HookEventType, HookStatus } from '../application/ports/mangopay-vocabulary.js';
import type { IdvSession } from '../domain/idv-session/idv-session.state.js';
import type { KycDocument } from '../domain/kyc-document/kyc-document.state.js';
import type { UserKycState } from '../domain/user-kyc/user-kyc.state.js';
import type { UserProfile } from '../domain/user-kyc/user-profile.js';

export interface SimulatedUser {
  readonly id: MangopayId;
  readonly creationDate: number;
  readonly profile: UserProfile;
  /** The fields the platform sent, answered back as Mangopay does (the simulator's memory only). */
  readonly fields: Readonly<Record<string, unknown>>;
  kyc: UserKycState;
}

export interface SimulatedDocument {
  /** Creation order, to break CreationDate ties in lists. */
  readonly seq: number;
  /** The KycDocument decider's state: page fingerprints only, never page bytes. */
  state: KycDocument;
}

export interface SimulatedSession {
  readonly seq: number;
  state: IdvSession;
  lastUpdate: number;
}

export interface SimulatedHook {
  readonly id: MangopayId;
  readonly seq: number;
  readonly creationDate: number;
  readonly eventType: HookEventType;
  url: string;
  status: HookStatus;
  tag: string | null;
}

/** Everything the simulator remembers, in memory, for one simulator instance. */
export interface SimulatorStore {
  readonly users: Map<string, SimulatedUser>;
  readonly documents: Map<string, SimulatedDocument>;
  readonly sessions: Map<string, SimulatedSession>;
  readonly hooks: Map<string, SimulatedHook>;
  nextSeq: number;
}

export const createStore = (): SimulatorStore => ({
  users: new Map(),
  documents: new Map(),
  sessions: new Map(),
  hooks: new Map(),
  nextSeq: 1,
});
