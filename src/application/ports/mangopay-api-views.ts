import * as t from 'io-ts';
import { MangopayId, RefusedReasonMessage, Tag } from '../../domain/shared/bounded-string.js';
import { recognized } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import {
  KycDocumentRefusedReasonType,
  KycDocumentStatus,
  KycDocumentType,
} from '../../domain/kyc-document/kyc-document.vocabulary.js';
import {
  IdvCheckStatus,
  IdvCheckType,
  IdvDataPointType,
  IdvRefusalReason,
  IdvSessionStatus,
} from '../../domain/idv-session/idv-session.vocabulary.js';
import { LegalPersonType, UserCategory } from '../../domain/shared/user-vocabulary.js';
import { UboDeclarationReason, UboDeclarationStatus } from '../../domain/user-kyc/ubo-declaration.vocabulary.js';
import { KycLevel } from '../../domain/user-kyc/user-kyc.vocabulary.js';
import { HookEventType, HookStatus, HookValidity } from './mangopay-vocabulary.js';

/**
 * What Mangopay answers, in the domain's words. A value Mangopay may send that the domain does not know is
 * `Recognized<…>`: kept verbatim and flagged. Absent optional fields are `null`, never missing.
 */

export interface AbsoluteUrlBrand {
  readonly AbsoluteUrl: unique symbol;
}
/** An absolute http(s) URL (a HostedUrl, a hook's Url): Mangopay's, or a local simulator's. */
export const AbsoluteUrl = t.brand(
  t.string,
  (s): s is t.Branded<string, AbsoluteUrlBrand> => {
    if (s.length > 2048) return false;
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  },
  'AbsoluteUrl',
);
export type AbsoluteUrl = t.TypeOf<typeof AbsoluteUrl>;

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

const userCommon = {
  id: MangopayId,
  userCategory: nullable(recognized(UserCategory)),
  kycLevel: recognized(KycLevel),
  creationDate: UnixTimestamp,
  tag: nullable(Tag),
};
export const NaturalUserView = t.readonly(t.type({ ...userCommon, personType: t.literal('NATURAL') }), 'NaturalUserView');
export const LegalUserView = t.readonly(
  t.type({ ...userCommon, personType: t.literal('LEGAL'), legalPersonType: recognized(LegalPersonType) }),
  'LegalUserView',
);
/** A user as far as KYC cares: no names, addresses or e-mails (personal data the core does not need). */
export const MangopayUserView = t.union([NaturalUserView, LegalUserView], 'MangopayUserView');
export type MangopayUserView = t.TypeOf<typeof MangopayUserView>;

export const KycDocumentView = t.readonly(
  t.type({
    id: MangopayId,
    userId: MangopayId,
    type: recognized(KycDocumentType),
    status: recognized(KycDocumentStatus),
    tag: nullable(Tag),
    creationDate: UnixTimestamp,
    processedDate: nullable(UnixTimestamp),
    refusedReasonType: nullable(recognized(KycDocumentRefusedReasonType)),
    refusedReasonMessage: nullable(RefusedReasonMessage),
    flags: t.readonlyArray(t.string),
  }),
  'KycDocumentView',
);
export type KycDocumentView = t.TypeOf<typeof KycDocumentView>;

/**
 * A verified data point. Its value is personal data: callers store it encrypted, never log it. `valueIsText`:
 * false when Mangopay sent no string or number (a boolean, null, an object): `value` is then its JSON text.
 */
export const IdvDataPointView = t.readonly(
  t.type({ type: recognized(IdvDataPointType), value: t.string, valueIsText: t.boolean }),
  'IdvDataPointView',
);
export type IdvDataPointView = t.TypeOf<typeof IdvDataPointView>;

export const IdvRefusalView = t.readonly(
  t.type({ reason: nullable(recognized(IdvRefusalReason)), description: nullable(t.string) }),
  'IdvRefusalView',
);
export type IdvRefusalView = t.TypeOf<typeof IdvRefusalView>;

export const IdvCheckView = t.readonly(
  t.type({
    checkId: MangopayId,
    type: recognized(IdvCheckType),
    // null: Mangopay sent no CheckStatus.
    status: nullable(recognized(IdvCheckStatus)),
    creationDate: UnixTimestamp,
    lastUpdate: UnixTimestamp,
    data: t.readonlyArray(IdvDataPointView),
    refusals: t.readonlyArray(IdvRefusalView),
  }),
  'IdvCheckView',
);
export type IdvCheckView = t.TypeOf<typeof IdvCheckView>;

export const IdvSessionView = t.readonly(
  t.type({
    id: MangopayId,
    userId: MangopayId,
    status: recognized(IdvSessionStatus),
    hostedUrl: AbsoluteUrl,
    returnUrl: AbsoluteUrl,
    tag: nullable(Tag),
    creationDate: UnixTimestamp,
    lastUpdate: UnixTimestamp,
    checks: t.readonlyArray(IdvCheckView),
  }),
  'IdvSessionView',
);
export type IdvSessionView = t.TypeOf<typeof IdvSessionView>;

export const HookView = t.readonly(
  t.type({
    id: MangopayId,
    url: AbsoluteUrl,
    eventType: recognized(HookEventType),
    status: recognized(HookStatus),
    validity: recognized(HookValidity),
    tag: nullable(Tag),
    creationDate: UnixTimestamp,
  }),
  'HookView',
);
export type HookView = t.TypeOf<typeof HookView>;

/**
 * A UBO declaration as KYC needs it: its status, why it was refused or found incomplete, when, and how many UBOs it
 * declares. The UBOs themselves (names, birth, addresses) and Mangopay's free-text Message are personal data the
 * core does not need: they are not read.
 */
export const UboDeclarationView = t.readonly(
  t.type({
    id: MangopayId,
    userId: MangopayId,
    status: recognized(UboDeclarationStatus),
    reason: nullable(recognized(UboDeclarationReason)),
    creationDate: UnixTimestamp,
    processedDate: nullable(UnixTimestamp),
    uboCount: t.number,
  }),
  'UboDeclarationView',
);
export type UboDeclarationView = t.TypeOf<typeof UboDeclarationView>;

/** One page of a list, with Mangopay's totals (x-number-of-items, x-number-of-pages). */
export interface ListPage<Item> {
  readonly items: ReadonlyArray<Item>;
  readonly totalItems: number;
  readonly totalPages: number;
}
