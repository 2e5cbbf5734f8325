import * as t from 'io-ts';
import { Anomalies } from '../shared/anomaly.js';
import { MangopayId, Tag } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { eventSchema, eventUnion, type EventOf } from '../shared/event-schema.js';
import { HttpsUrl } from '../shared/https-url.js';
import { recognized } from '../shared/recognized.js';
import { StepSource } from '../shared/step-source.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { LegalPersonType, PersonType } from '../shared/user-vocabulary.js';
import { IdvCheck } from './idv-check.js';
import { idvCheckUpcasters } from './idv-check-upcaster.js';
import { IdvSessionStatus } from './idv-session.vocabulary.js';

export const IdvSessionStarted = struct(
  'IdvSessionStarted',
  {
    type: t.literal('IdvSessionStarted'),
    sessionId: MangopayId,
    userId: MangopayId,
    personType: PersonType,
    returnUrl: HttpsUrl,
    hostedUrl: t.string,
    creationDate: UnixTimestamp,
  },
  // legalPersonType: as Mangopay shows it, one it added kept verbatim (only an imported session can have one);
  // anomalies: where the user breaks the eligibility rule (an imported session only).
  { legalPersonType: recognized(LegalPersonType), tag: Tag, anomalies: Anomalies },
);

/** `anomalies`: where the checks break seed 000's rules (IDV_CHECKS_BREAK_RULES); absent when they break none, and in events older than the field. */
const step = <Type extends string>(type: Type) =>
  struct(type, { type: t.literal(type), sessionId: MangopayId, source: StepSource }, { checks: t.readonlyArray(IdvCheck), anomalies: Anomalies });

/** PENDING → REVIEW: Mangopay's team reviews the session by hand. */
export const IdvSessionSentToReview = step('IdvSessionSentToReview');
export const IdvSessionValidated = step('IdvSessionValidated');
export const IdvSessionRejected = step('IdvSessionRejected');
export const IdvSessionTimedOut = step('IdvSessionTimedOut');
export const IdvSessionErrored = step('IdvSessionErrored');
export const IdvSessionOutdated = step('IdvSessionOutdated');

/** Checks Mangopay returned for a session whose status did not change (fetched after the outcome, or updated). */
export const IdvSessionChecksObserved = struct(
  'IdvSessionChecksObserved',
  { type: t.literal('IdvSessionChecksObserved'), sessionId: MangopayId, checks: t.readonlyArray(IdvCheck) },
  { anomalies: Anomalies },
);

/** Mangopay reports a status no legal step leads to from here: recorded and surfaced, the state is kept. */
export const IdvSessionStatusDiverged = struct('IdvSessionStatusDiverged', {
  type: t.literal('IdvSessionStatusDiverged'),
  sessionId: MangopayId,
  localStatus: IdvSessionStatus,
  observedStatus: recognized(IdvSessionStatus),
});

/**
 * Every event of a session, declared once: its union and its schema come from here. Version 2 of the check
 * events: checks keep every reason and Mangopay's own status word (idv-check-upcaster.ts lifts version 1).
 */
const idvSessionEvents = {
  IdvSessionStarted: { codec: IdvSessionStarted, version: 1 },
  IdvSessionSentToReview: { codec: IdvSessionSentToReview, version: 2 },
  IdvSessionValidated: { codec: IdvSessionValidated, version: 2 },
  IdvSessionRejected: { codec: IdvSessionRejected, version: 2 },
  IdvSessionTimedOut: { codec: IdvSessionTimedOut, version: 2 },
  IdvSessionErrored: { codec: IdvSessionErrored, version: 2 },
  IdvSessionOutdated: { codec: IdvSessionOutdated, version: 2 },
  IdvSessionChecksObserved: { codec: IdvSessionChecksObserved, version: 2 },
  IdvSessionStatusDiverged: { codec: IdvSessionStatusDiverged, version: 1 },
} as const;

export type IdvSessionEvent = EventOf<typeof idvSessionEvents>;
export const IdvSessionEvent = eventUnion('IdvSessionEvent', idvSessionEvents);
export type IdvSessionEventType = IdvSessionEvent['type'];
export type IdvSessionStarted = t.TypeOf<typeof IdvSessionStarted>;

/** The events whose checks version 1 recorded in the older shape. */
const CHECK_EVENTS = [
  'IdvSessionSentToReview',
  'IdvSessionValidated',
  'IdvSessionRejected',
  'IdvSessionTimedOut',
  'IdvSessionErrored',
  'IdvSessionOutdated',
  'IdvSessionChecksObserved',
] as const;

export const idvSessionEventSchema = eventSchema<IdvSessionEvent>(idvSessionEvents, idvCheckUpcasters(CHECK_EVENTS));
