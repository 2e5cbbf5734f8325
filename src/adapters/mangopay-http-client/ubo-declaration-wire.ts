import * as t from 'io-ts';
import type { UboDeclarationView } from '../../application/ports/mangopay-api-views.js';
import { MangopayId } from '../../domain/shared/bounded-string.js';
import { recognize } from '../../domain/shared/recognized.js';
import { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import { UboDeclarationReason, UboDeclarationStatus } from '../../domain/user-kyc/ubo-declaration.vocabulary.js';
import { optional, orNull, recognizedOrNull, WireWord } from './wire-decoding.js';

/**
 * The fields of "The UBO Declaration object" KYC needs
 * (https://docs.mangopay.com/api-reference/ubo-declarations/ubo-declaration-object). `Ubos` is only counted: its
 * entries (names, birth, addresses) are not decoded and never leave this function. `Message` is not read. `Reason`
 * is a string on the pages; Mangopay's Ruby SDK calls it an array of reasons, so an array is read too (its words
 * joined by commas, which a known reason never is: kept verbatim as unrecognized).
 */
export const UboDeclarationWire = t.type({
  Id: MangopayId,
  UserId: MangopayId,
  CreationDate: UnixTimestamp,
  ProcessedDate: optional(UnixTimestamp),
  Status: WireWord,
  Reason: optional(t.union([WireWord, t.array(WireWord)])),
  // Always there, [] for none ("Create a UBO Declaration" answers `"Ubos": []`).
  Ubos: t.array(t.unknown),
});
export type UboDeclarationWire = t.TypeOf<typeof UboDeclarationWire>;

const reasonWord = (reason: string | ReadonlyArray<string> | null | undefined): string | null | undefined =>
  typeof reason === 'string' || reason === null || reason === undefined ? reason : reason.length === 0 ? null : reason.join(',').slice(0, 255);

export const uboDeclarationView = (wire: UboDeclarationWire): UboDeclarationView => ({
  id: wire.Id,
  userId: wire.UserId,
  status: recognize(UboDeclarationStatus)(wire.Status),
  reason: recognizedOrNull(UboDeclarationReason, reasonWord(wire.Reason)),
  creationDate: wire.CreationDate,
  processedDate: orNull(wire.ProcessedDate),
  uboCount: wire.Ubos.length,
});
