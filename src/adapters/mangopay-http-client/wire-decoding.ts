import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { MangopayApiError } from '../../application/ports/mangopay-api-errors.js';
import type { ListPage } from '../../application/ports/mangopay-api-views.js';
import { faultsOf, type InputFault } from '../../domain/shared/invalid-input.js';
import { recognize, type Recognized } from '../../domain/shared/recognized.js';
import type { AnswerHeaders } from './http-exchange.js';
import type { MangopayAnswer } from './mangopay-http-transport.js';

/** A word Mangopay sends (a status, a type): any short string, sorted into known or unrecognized later. */
export const WireWord = t.refinement(t.string, (s) => s.length >= 1 && s.length <= 255, 'WireWord');

/** Optional on the wire: missing, null or the value. */
export const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);

export const orNull = <A>(value: A | null | undefined): A | null => (value === undefined ? null : value);

export const recognizedOrNull = <Known extends string>(known: t.Type<Known, Known, unknown>, raw: string | null | undefined): Recognized<Known> | null =>
  raw === null || raw === undefined ? null : recognize(known)(raw);

export const responseInvalid = (status: number, faults: ReadonlyArray<InputFault>): MangopayApiError => ({
  type: 'MANGOPAY_RESPONSE_INVALID',
  message: `Mangopay's response does not decode: ${faults.map((f) => `${f.path} (${f.rule})`).join(', ')}`,
  status,
  faults,
});

/** Decodes a body with a wire codec and maps it to a view; a body that does not decode names its paths, never its values. */
export const decodeBody =
  <W, V>(codec: t.Type<W, unknown, unknown>, toView: (wire: W) => V) =>
  (answer: MangopayAnswer): E.Either<MangopayApiError, V> => {
    const decoded = codec.decode(answer.json);
    return E.isRight(decoded) ? E.right(toView(decoded.right)) : E.left(responseInvalid(answer.status, faultsOf(decoded.left)));
  };

const countHeader = (headers: AnswerHeaders, name: string): number | undefined => {
  const raw = headers.get(name);
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
};

/** A list body and Mangopay's totals (x-number-of-items, x-number-of-pages). */
export const decodeList =
  <W, V>(codec: t.Type<W, unknown, unknown>, toView: (wire: W) => V) =>
  (answer: MangopayAnswer): E.Either<MangopayApiError, ListPage<V>> => {
    const decoded = t.array(codec).decode(answer.json);
    if (E.isLeft(decoded)) return E.left(responseInvalid(answer.status, faultsOf(decoded.left)));
    const totalItems = countHeader(answer.headers, 'x-number-of-items');
    const totalPages = countHeader(answer.headers, 'x-number-of-pages');
    const faults: InputFault[] = [];
    if (totalItems === undefined) faults.push({ path: 'headers.x-number-of-items', rule: 'Count' });
    if (totalPages === undefined) faults.push({ path: 'headers.x-number-of-pages', rule: 'Count' });
    if (totalItems === undefined || totalPages === undefined) return E.left(responseInvalid(answer.status, faults));
    return E.right({ items: decoded.right.map(toView), totalItems, totalPages });
  };
