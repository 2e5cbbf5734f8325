import * as t from 'io-ts';
import type { IdvCheckView, IdvSessionView } from '../../application/ports/mangopay-api-views.js';
import { AbsoluteUrl } from '../../application/ports/mangopay-api-views.js';
import { idvSessionStatusFromWire } from '../../application/ports/mangopay-vocabulary.js';
import { MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { recognize } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import {
  IdvCheckStatus,
  IdvCheckType,
  IdvDataPointType,
  IdvRefusalReason,
  IdvSessionStatus,
} from '../../domain/idv-session/idv-session.vocabulary.js';
import { optional, orNull, recognizedOrNull, WireWord } from './wire-decoding.js';

// Any Value is kept: a data point Mangopay sends is never a failed reconciliation (the core flags what is odd).
const DataPointWire = t.type({ Type: WireWord, Value: t.unknown });

export const CheckWire = t.type({
  CheckId: MangopayId,
  Type: WireWord,
  CheckStatus: optional(WireWord),
  CreationDate: UnixTimestamp,
  LastUpdate: UnixTimestamp,
  Data: optional(t.array(DataPointWire)),
  // "One or more objects containing Type and Value fields" (hosted IDV refusals page): every one is kept.
  Reasons: optional(t.array(t.type({ Type: optional(WireWord), Value: optional(t.string) }))),
});
export type CheckWire = t.TypeOf<typeof CheckWire>;

/** The session; `Checks` is inline in today's API and absent from older answers (then read from /checks). */
export const IdvSessionWire = t.type({
  Id: MangopayId,
  UserId: MangopayId,
  Status: WireWord,
  HostedUrl: AbsoluteUrl,
  ReturnUrl: AbsoluteUrl,
  Tag: optional(Tag),
  CreationDate: UnixTimestamp,
  LastUpdate: optional(UnixTimestamp),
  Checks: optional(t.array(CheckWire)),
});
export type IdvSessionWire = t.TypeOf<typeof IdvSessionWire>;

export const IdvChecksWire = t.type({ Checks: t.array(CheckWire) });

/** A string as it is; a number (a timestamp, a count) as its digits; anything else as its JSON text, flagged. */
const dataPointValue = (value: unknown): { readonly value: string; readonly valueIsText: boolean } =>
  typeof value === 'string'
    ? { value, valueIsText: true }
    : typeof value === 'number'
      ? { value: String(value), valueIsText: true }
      : { value: JSON.stringify(value) ?? 'null', valueIsText: false };

export const checkView = (wire: CheckWire): IdvCheckView => ({
  checkId: wire.CheckId,
  type: recognize(IdvCheckType)(wire.Type),
  status: recognizedOrNull(IdvCheckStatus, wire.CheckStatus),
  creationDate: wire.CreationDate,
  lastUpdate: wire.LastUpdate,
  data: (wire.Data ?? []).map((point) => ({ type: recognize(IdvDataPointType)(point.Type), ...dataPointValue(point.Value) })),
  refusals: (wire.Reasons ?? []).map((reason) => ({
    reason: recognizedOrNull(IdvRefusalReason, reason.Type),
    description: orNull(reason.Value),
  })),
});

/** Mangopay's session in the seed's words: REFUSED is REJECTED, OUT_OF_DATE is OUTDATED, EXPIRED is TIMEOUT. */
export const idvSessionView = (wire: IdvSessionWire, checks: ReadonlyArray<CheckWire>): IdvSessionView => ({
  id: wire.Id,
  userId: wire.UserId,
  status: recognize(IdvSessionStatus)(idvSessionStatusFromWire(wire.Status)),
  hostedUrl: wire.HostedUrl,
  returnUrl: wire.ReturnUrl,
  tag: orNull(wire.Tag),
  creationDate: wire.CreationDate,
  lastUpdate: wire.LastUpdate ?? wire.CreationDate,
  checks: checks.map(checkView),
});
