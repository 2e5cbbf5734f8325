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
export const StartIdvSession = struct(
  'StartIdvSession',
  {
    type: t.literal('StartIdvSession'),
    sessionId: MangopayId,
    userId: MangopayId,
    user: UserProfile,
    returnUrl: HttpsUrl,
    hostedUrl: AbsoluteUrl,
    creationDate: UnixTimestamp,
  },
  { tag: Tag },
);

/** What Mangopay says the session is now, with the checks it returned (GET /identity-verifications/{Id}[/checks]). */
export const ObserveIdvSession = struct(
  'ObserveIdvSession',
  { type: t.literal('ObserveIdvSession'), sessionId: MangopayId, status: recognized(IdvSessionStatus) },
  { checks: t.readonlyArray(IdvCheck) },
);

export const IdvSessionCommand = t.union([StartIdvSession, ObserveIdvSession], 'IdvSessionCommand');
export type IdvSessionCommand = t.TypeOf<typeof IdvSessionCommand>;
export type IdvSessionCommandType = IdvSessionCommand['type'];
export type StartIdvSession = t.TypeOf<typeof StartIdvSession>;
export type ObserveIdvSession = t.TypeOf<typeof ObserveIdvSession>;
