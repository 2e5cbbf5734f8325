import * as t from 'io-ts';
import { AbsoluteUrl, type HookView } from '../../application/ports/mangopay-api-views.js';
import { HookEventType, HookStatus, HookValidity } from '../../application/ports/mangopay-vocabulary.js';
import { MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { recognize } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import { optional, orNull, WireWord } from './wire-decoding.js';

export const HookWire = t.type({
  Id: MangopayId,
  Url: AbsoluteUrl,
  EventType: WireWord,
  Status: WireWord,
  Validity: WireWord,
  Tag: optional(Tag),
  CreationDate: UnixTimestamp,
});
export type HookWire = t.TypeOf<typeof HookWire>;

export const hookView = (wire: HookWire): HookView => ({
  id: wire.Id,
  url: wire.Url,
  eventType: recognize(HookEventType)(wire.EventType),
  status: recognize(HookStatus)(wire.Status),
  validity: recognize(HookValidity)(wire.Validity),
  tag: orNull(wire.Tag),
  creationDate: wire.CreationDate,
});
