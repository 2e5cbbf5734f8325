import * as t from 'io-ts';
import { MangopayId, Tag } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { HttpsUrl } from '../shared/https-url.js';
import { recognized } from '../shared/recognized.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { UserProfile } from '../shared/user-profile.js';
import { IdvCheck } from './idv-check.js';
import { IdvSessionStatus } from './idv-session.vocabulary.js';

const AbsoluteUrl = t.refinement(
  t.string,
  (s) => {
    if (s.length > 2048) return false;
    try {
      const url = new URL(s);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  },
  'AbsoluteUrl',
);

/**
 * Records a session Mangopay has created (POST /users/{UserId}/identity-verifications answered with its
 * Id and HostedUrl). The user's profile comes with it, so eligibility is judged by the same rule here.
 */
const sessionFields = {
  sessionId: MangopayId,
  userId: MangopayId,
  user: UserProfile,
  returnUrl: HttpsUrl,
  hostedUrl: AbsoluteUrl,
  creationDate: UnixTimestamp,
};

export const StartIdvSession = struct('StartIdvSession', { type: t.literal('StartIdvSession'), ...sessionFields }, { tag: Tag });

/**
 * Records a session Mangopay shows that this core has not recorded (started elsewhere, or its answer was lost), with
 * the user as Mangopay shows it now. Mangopay created it: a user the eligibility rule refuses (moved to PARTNERSHIP
 * since, of a type Mangopay added, no longer an OWNER) is recorded all the same, with the anomaly.
 */
export const ImportIdvSession = struct('ImportIdvSession', { type: t.literal('ImportIdvSession'), ...sessionFields }, { tag: Tag });

/** What Mangopay says the session is now, with the checks it returned (GET /identity-verifications/{Id}[/checks]). */
export const ObserveIdvSession = struct(
  'ObserveIdvSession',
  { type: t.literal('ObserveIdvSession'), sessionId: MangopayId, status: recognized(IdvSessionStatus) },
  { checks: t.readonlyArray(IdvCheck) },
);

export const IdvSessionCommand = t.union([StartIdvSession, ImportIdvSession, ObserveIdvSession], 'IdvSessionCommand');
export type IdvSessionCommand = t.TypeOf<typeof IdvSessionCommand>;
export type IdvSessionCommandType = IdvSessionCommand['type'];
export type StartIdvSession = t.TypeOf<typeof StartIdvSession>;
export type ImportIdvSession = t.TypeOf<typeof ImportIdvSession>;
export type ObserveIdvSession = t.TypeOf<typeof ObserveIdvSession>;
