import * as t from 'io-ts';
import { MangopayId } from '../../domain/shared/bounded-string.js';

/** Every body and query the console takes, as io-ts codecs: a form that does not decode is refused before anything is read. */

const bounded = (name: string, min: number, max: number) => t.refinement(t.string, (s) => s.length >= min && s.length <= max, name);

export const SignInForm = t.type({ key: bounded('ApiKeyText', 1, 512) }, 'SignInForm');

export const CsrfForm = t.type({ csrf: bounded('CsrfToken', 1, 100) }, 'CsrfForm');

const Digits = t.refinement(t.string, (s) => /^[1-9][0-9]{0,8}$/.test(s), 'PositiveIntegerText');

/** A reason an auditor types: 10 to 500 characters once trimmed, so "x" is not a reason. */
export const RevealReason = t.refinement(t.string, (s) => s.trim().length >= 10 && s.length <= 500, 'RevealReason');

export const RevealForm = t.type(
  {
    csrf: bounded('CsrfToken', 1, 100),
    streamName: t.refinement(t.string, (s) => /^(KycDocument|IdvSession|UserKyc)-.{1,255}$/s.test(s), 'StreamName'),
    streamVersion: Digits,
    field: t.refinement(t.string, (s) => /^[A-Za-z0-9_.]{1,200}$/.test(s), 'FieldPath'),
    reason: RevealReason,
  },
  'RevealForm',
);

const UsersFilterValue = t.keyof({ divergences: null, anomalies: null, parked: null });

export const UsersQueryCodec = t.partial(
  {
    q: bounded('UserIdSearch', 0, 255),
    level: t.keyof({ '': null, LIGHT: null, REGULAR: null, UNKNOWN: null }),
    has: t.union([UsersFilterValue, t.array(UsersFilterValue)]),
    page: Digits,
  },
  'UsersQuery',
);

export const UserParam = t.type({ userId: MangopayId }, 'UserParam');

export const RulesParam = t.type({ page: t.keyof({ 'kyc-document': null, 'idv-session': null, 'user-kyc': null, webhooks: null, 'personal-data': null }) }, 'RulesParam');
