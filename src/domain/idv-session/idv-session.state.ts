import type { Anomaly } from '../shared/anomaly.js';
import type { MangopayId, Tag } from '../shared/bounded-string.js';
import type { HttpsUrl } from '../shared/https-url.js';
import type { Recognized } from '../shared/recognized.js';
import type { UnixTimestamp } from '../shared/unix-timestamp.js';
import type { LegalPersonType, PersonType } from '../shared/user-vocabulary.js';
import type { IdvCheck } from './idv-check.js';
import type { IdvSessionStatus } from './idv-session.vocabulary.js';

/** Seed 000's IDV Session object, as this core knows it. */
export interface IdvSession {
  readonly status: IdvSessionStatus;
  readonly sessionId: MangopayId;
  readonly userId: MangopayId;
  readonly personType: PersonType;
  readonly legalPersonType: Recognized<LegalPersonType> | undefined;
  readonly returnUrl: HttpsUrl;
  readonly hostedUrl: string;
  readonly tag: Tag | undefined;
  readonly creationDate: UnixTimestamp;
  readonly checks: ReadonlyArray<IdvCheck>;
  /** Where the checks on record break seed 000's rules: recorded with them, never a reason to refuse them. */
  readonly anomalies: ReadonlyArray<Anomaly>;
  /** Where the user breaks the eligibility rule: a session Mangopay created anyway, imported as it shows it. */
  readonly userAnomalies: ReadonlyArray<Anomaly>;
  readonly divergentStatus: Recognized<IdvSessionStatus> | undefined;
}

export type IdvSessionState = { readonly status: 'NOT_STARTED' } | IdvSession;
export type IdvSessionLifecycle = IdvSessionState['status'];

export const initialIdvSessionState: IdvSessionState = { status: 'NOT_STARTED' };

export const isStarted = (state: IdvSessionState): state is IdvSession => state.status !== 'NOT_STARTED';
