import * as t from 'io-ts';
import { Anomalies } from '../shared/anomaly.js';
import { MangopayId } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { eventSchema, eventUnion, type EventOf } from '../shared/event-schema.js';
import { Unrecognized } from '../shared/recognized.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import { ErasureReason, OperatorId } from './personal-data-erasure.js';
import { RetentionYears } from './personal-data-retention.js';
import { KycLevel } from './user-kyc.vocabulary.js';
import { UserProfile } from '../shared/user-profile.js';
import { UboDeclarationRecord } from './ubo-declaration.js';

/** `anomalies`: where the profile holds a type or category the seeds do not know (recorded all the same). */
export const UserRegistered = struct(
  'UserRegistered',
  {
    type: t.literal('UserRegistered'),
    userId: MangopayId,
    user: UserProfile,
    kycLevel: KycLevel,
  },
  { anomalies: Anomalies },
);

export const UserProfileChanged = struct(
  'UserProfileChanged',
  {
    type: t.literal('UserProfileChanged'),
    userId: MangopayId,
    user: UserProfile,
  },
  { anomalies: Anomalies },
);

/** USER_KYC_REGULAR / USER_KYC_LIGHT: Mangopay changed the user's KYC level. */
export const UserKycLevelChanged = struct('UserKycLevelChanged', {
  type: t.literal('UserKycLevelChanged'),
  userId: MangopayId,
  from: KycLevel,
  to: KycLevel,
});

/** A KYC level Mangopay sent that the domain does not know: kept verbatim and flagged, the level is unchanged. */
export const UserKycLevelUnrecognized = struct('UserKycLevelUnrecognized', {
  type: t.literal('UserKycLevelUnrecognized'),
  userId: MangopayId,
  observed: Unrecognized,
});

export const UserKycDocumentValidated = struct('UserKycDocumentValidated', {
  type: t.literal('UserKycDocumentValidated'),
  userId: MangopayId,
  documentId: MangopayId,
  documentType: KycDocumentType,
});

/** A validated document went OUT_OF_DATE: it no longer counts towards REGULAR. */
export const UserKycDocumentExpired = struct('UserKycDocumentExpired', {
  type: t.literal('UserKycDocumentExpired'),
  userId: MangopayId,
  documentId: MangopayId,
  documentType: KycDocumentType,
});

export const UserIdvSessionValidated = struct('UserIdvSessionValidated', {
  type: t.literal('UserIdvSessionValidated'),
  userId: MangopayId,
  sessionId: MangopayId,
});

/** A validated session went OUTDATED: it no longer counts towards REGULAR. */
export const UserIdvSessionExpired = struct('UserIdvSessionExpired', {
  type: t.literal('UserIdvSessionExpired'),
  userId: MangopayId,
  sessionId: MangopayId,
});

/**
 * Mangopay shows one of the user's UBO declarations other than last recorded (first seen, or its status, reason,
 * dates or number of UBOs changed). `anomalies`: where it breaks Mangopay's documented rules (recorded all the same).
 */
export const UboDeclarationObserved = struct(
  'UboDeclarationObserved',
  {
    type: t.literal('UboDeclarationObserved'),
    userId: MangopayId,
    declaration: UboDeclarationRecord,
  },
  { anomalies: Anomalies },
);
export type UboDeclarationObserved = t.TypeOf<typeof UboDeclarationObserved>;

/**
 * The user's key was destroyed: every personal field of their streams now reads as erased. Records who,
 * why, whether the retention period was over (or the erasure forced), and on what dates that was judged.
 */
export const PersonalDataErased = struct(
  'PersonalDataErased',
  {
    type: t.literal('PersonalDataErased'),
    userId: MangopayId,
    erasedAt: UnixTimestamp,
    erasedBy: OperatorId,
    reason: ErasureReason,
    forced: t.boolean,
    retentionYears: RetentionYears,
  },
  { lastActivityAt: UnixTimestamp, retentionEndsAt: UnixTimestamp },
);

/** Every event of a user's KYC, declared once: its union and its schema come from here. */
const userKycEvents = {
  UserRegistered: { codec: UserRegistered, version: 1 },
  UserProfileChanged: { codec: UserProfileChanged, version: 1 },
  UserKycLevelChanged: { codec: UserKycLevelChanged, version: 1 },
  UserKycLevelUnrecognized: { codec: UserKycLevelUnrecognized, version: 1 },
  UserKycDocumentValidated: { codec: UserKycDocumentValidated, version: 1 },
  UserKycDocumentExpired: { codec: UserKycDocumentExpired, version: 1 },
  UserIdvSessionValidated: { codec: UserIdvSessionValidated, version: 1 },
  UserIdvSessionExpired: { codec: UserIdvSessionExpired, version: 1 },
  UboDeclarationObserved: { codec: UboDeclarationObserved, version: 1 },
  PersonalDataErased: { codec: PersonalDataErased, version: 1 },
} as const;

export type UserKycEvent = EventOf<typeof userKycEvents>;
export const UserKycEvent = eventUnion('UserKycEvent', userKycEvents);
export type UserKycEventType = UserKycEvent['type'];
export type PersonalDataErased = t.TypeOf<typeof PersonalDataErased>;

export const userKycEventSchema = eventSchema<UserKycEvent>(userKycEvents);
