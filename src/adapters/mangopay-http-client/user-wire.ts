import * as t from 'io-ts';
import type { MangopayUserView } from '../../application/ports/mangopay-api-views.js';
import { MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { recognize } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import { LegalPersonType, UserCategory } from '../../domain/shared/user-vocabulary.js';
import { KycLevel } from '../../domain/user-kyc/user-kyc.vocabulary.js';
import { optional, orNull, recognizedOrNull, WireWord } from './wire-decoding.js';

/** The fields of Mangopay's User object that KYC needs; names, addresses and e-mails are not read. */
export const UserWire = t.type({
  Id: MangopayId,
  CreationDate: UnixTimestamp,
  Tag: optional(Tag),
  PersonType: t.keyof({ NATURAL: null, LEGAL: null }, 'PersonType'),
  KYCLevel: WireWord,
  UserCategory: optional(WireWord),
  LegalPersonType: optional(WireWord),
});
export type UserWire = t.TypeOf<typeof UserWire>;

export const userView = (wire: UserWire): MangopayUserView => {
  const common = {
    id: wire.Id,
    userCategory: recognizedOrNull(UserCategory, wire.UserCategory),
    kycLevel: recognize(KycLevel)(wire.KYCLevel),
    creationDate: wire.CreationDate,
    tag: orNull(wire.Tag),
  };
  return wire.PersonType === 'NATURAL'
    ? { ...common, personType: 'NATURAL' }
    : { ...common, personType: 'LEGAL', legalPersonType: recognize(LegalPersonType)(wire.LegalPersonType ?? 'NotSpecified') };
};
