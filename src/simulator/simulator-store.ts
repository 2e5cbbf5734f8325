import type {
  HookEventType,
  HookStatus,
  IdvCheckStatus,
  IdvSessionStatus,
  KycDocumentStatus,
  KycDocumentType,
  LegalPersonType,
  UboDeclarationStatus,
  PersonType,
  UserCategory,
} from './mangopay-words.js';
import type { PageRecord } from './page-rules.js';

export interface SimulatedUser {
  readonly id: string;
  readonly creationDate: number;
  readonly personType: PersonType;
  readonly legalPersonType: LegalPersonType | undefined;
  readonly category: UserCategory;
  /** The fields the platform sent, answered back as Mangopay does (the simulator's memory only). */
  readonly fields: Readonly<Record<string, unknown>>;
  kycLevel: 'LIGHT' | 'REGULAR';
}

export interface SimulatedDocument {
  readonly id: string;
  /** Creation order, to break CreationDate ties in lists. */
  readonly seq: number;
  readonly userId: string;
  readonly type: KycDocumentType;
  readonly creationDate: number;
  status: KycDocumentStatus;
  tag: string | null;
  processedDate: number | null;
  refusedReasonType: string | null;
  refusedReasonMessage: string | null;
  flags: ReadonlyArray<string>;
  /** Fingerprints only, never page bytes. */
  readonly pages: PageRecord[];
}

export interface CheckReason {
  readonly type: string;
  readonly value: string | null;
}

export interface SimulatedCheck {
  readonly id: string;
  readonly type: string;
  readonly status: IdvCheckStatus;
  readonly data: ReadonlyArray<{ readonly type: string; readonly value: string }>;
  readonly reasons: ReadonlyArray<CheckReason>;
  readonly date: number;
}

export interface SimulatedSession {
  readonly id: string;
  readonly seq: number;
  readonly userId: string;
  readonly tag: string | null;
  readonly returnUrl: string;
  readonly hostedUrl: string;
  /** The last segment of the HostedUrl, random per session: the hosted page opens with it only. */
  readonly hostedToken: string;
  readonly creationDate: number;
  status: IdvSessionStatus;
  checks: ReadonlyArray<SimulatedCheck>;
  lastUpdate: number;
}

/** One beneficial owner as the platform declared it: what "Create a UBO" takes, answered back as Mangopay does. */
export interface SimulatedUbo {
  readonly id: string;
  readonly creationDate: number;
  /** The fields the platform sent (names, birth, address): the simulator's memory only, never logged; "Update a UBO" replaces them. */
  fields: Readonly<Record<string, unknown>>;
  isActive: boolean;
}

export interface SimulatedUboDeclaration {
  readonly id: string;
  readonly seq: number;
  readonly userId: string;
  readonly creationDate: number;
  status: UboDeclarationStatus;
  processedDate: number | null;
  reason: string | null;
  message: string | null;
  readonly ubos: SimulatedUbo[];
}

export interface SimulatedHook {
  readonly id: string;
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
  readonly uboDeclarations: Map<string, SimulatedUboDeclaration>;
  readonly hooks: Map<string, SimulatedHook>;
  nextSeq: number;
}

export const createStore = (): SimulatorStore => ({
  users: new Map(),
  documents: new Map(),
  sessions: new Map(),
  uboDeclarations: new Map(),
  hooks: new Map(),
  nextSeq: 1,
});
