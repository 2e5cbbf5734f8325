import * as t from 'io-ts';
import type { KycDocumentView } from '../../application/ports/mangopay-api-views.js';
import { MangopayId, RefusedReasonMessage, Tag } from '../../domain/shared/bounded-string.js';
import { recognize } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import {
  KycDocumentRefusedReasonType,
  KycDocumentStatus,
  KycDocumentType,
} from '../../domain/kyc-document/kyc-document.vocabulary.js';
import { optional, orNull, recognizedOrNull, WireWord } from './wire-decoding.js';

export const KycDocumentWire = t.type({
  Id: MangopayId,
  UserId: MangopayId,
  Type: WireWord,
  Status: WireWord,
  Tag: optional(Tag),
  CreationDate: UnixTimestamp,
  ProcessedDate: optional(UnixTimestamp),
  RefusedReasonType: optional(WireWord),
  RefusedReasonMessage: optional(RefusedReasonMessage),
  // KYC Document object: "Flags", an array of refusal or flag codes; missing or null in older answers.
  Flags: optional(t.array(WireWord)),
});
export type KycDocumentWire = t.TypeOf<typeof KycDocumentWire>;

export const kycDocumentView = (wire: KycDocumentWire): KycDocumentView => ({
  id: wire.Id,
  userId: wire.UserId,
  type: recognize(KycDocumentType)(wire.Type),
  status: recognize(KycDocumentStatus)(wire.Status),
  tag: orNull(wire.Tag),
  creationDate: wire.CreationDate,
  processedDate: orNull(wire.ProcessedDate),
  refusedReasonType: recognizedOrNull(KycDocumentRefusedReasonType, wire.RefusedReasonType),
  refusedReasonMessage: orNull(wire.RefusedReasonMessage),
  flags: wire.Flags ?? [],
});
