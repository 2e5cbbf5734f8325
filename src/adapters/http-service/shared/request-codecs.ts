import * as t from 'io-ts';

import { KYC_DOCUMENT_STATUSES, KYC_DOCUMENT_TYPES, KycDocumentStatus, KycDocumentType } from '../../../domain/kyc-document/index.js';
import { isMangopayId, MangopayId, MAX_MANGOPAY_STRING, Tag } from '../../../domain/shared/bounded-string.js';
import { literals, struct } from '../../../domain/shared/codec-helpers.js';
import { ReturnUrl } from '../../../application/platform-commands/return-url.js';
import { closedStruct, oneOf, wireRule } from './wire-codecs.js';

/**
 * The platform API speaks Mangopay's words and casing (Type, Tag, File, Status, ReturnUrl; Page, Per_Page…),
 * so a team that knows Mangopay's API knows this one. Every body and query goes through one of these codecs; each
 * refuses the fields and parameters it does not take, and names its rules in the wire's words.
 */

const WireTag = wireRule(`text of at most ${MAX_MANGOPAY_STRING} characters, without NUL or lone surrogates`, Tag);
const WireDocumentType = oneOf(KYC_DOCUMENT_TYPES, KycDocumentType);

export const CreateKycDocumentBody = closedStruct('CreateKycDocumentBody', 'field', { Type: WireDocumentType }, { Tag: WireTag });
export const CreateKycPageBody = closedStruct('CreateKycPageBody', 'field', { File: wireRule('base64 text', t.string) });
export const SubmitKycDocumentBody = closedStruct(
  'SubmitKycDocumentBody',
  'field',
  { Status: wireRule('VALIDATION_ASKED, the only status a platform asks for', t.literal('VALIDATION_ASKED')) },
  { Tag: WireTag },
);
/** ReturnUrl as Mangopay takes it, canonical (refused, never rewritten, when what was sent is not): see return-url.ts. */
export const CreateIdvSessionBody = closedStruct('CreateIdvSessionBody', 'field', { ReturnUrl }, { Tag: WireTag });

export const UserIdParam = struct('UserIdParam', { userId: MangopayId });
export const DocumentIdParam = struct('DocumentIdParam', { documentId: MangopayId });
export const UserDocumentParams = struct('UserDocumentParams', { userId: MangopayId, documentId: MangopayId });
export const SessionIdParam = struct('SessionIdParam', { sessionId: MangopayId });
/** An aggregate's stream: its name, a dash and an Id by the one id rule. */
const StreamName = t.refinement(
  t.string,
  (s) => {
    const dash = s.indexOf('-');
    return dash > 0 && ['KycDocument', 'IdvSession', 'UserKyc'].includes(s.slice(0, dash)) && isMangopayId(s.slice(dash + 1));
  },
  'StreamName',
);
export const StreamParam = struct('StreamParam', { stream: StreamName });

const PositiveIntText = (name: string, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      const n = typeof u === 'string' && /^\d{1,9}$/.test(u) ? Number(u) : Number.NaN;
      return n >= 1 && n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );
const UnixTimeText = new t.Type<number, string, unknown>(
  'a Unix time in seconds, a whole number',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'string' && /^-?\d{1,12}$/.test(u) ? t.success(Number(u)) : t.failure(u, c)),
  String,
);
/** Seed 002's lists take several values separated by commas ("CREATED, VALIDATED"). */
const CommaList = <A extends string>(name: string, item: t.Type<A, A, unknown>) =>
  new t.Type<ReadonlyArray<A>, string, unknown>(
    name,
    (u): u is ReadonlyArray<A> => Array.isArray(u),
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c);
      const values = u.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
      return values.length > 0 && values.length <= 20 && values.every((v) => item.is(v)) ? t.success(values as A[]) : t.failure(u, c);
    },
    (values) => values.join(','),
  );

const SORTS = ['CreationDate:ASC', 'CreationDate:DESC'] as const;
const paging = {
  Page: PositiveIntText('a whole number from 1 to 1000000', 1_000_000),
  Per_Page: PositiveIntText('a whole number from 1 to 100', 100),
  Sort: oneOf(SORTS, literals('Sort', SORTS)),
};

/** Seed 002's filters of a document list: the same on a user's documents and on all documents. */
const documentFilters = {
  ...paging,
  BeforeDate: UnixTimeText,
  AfterDate: UnixTimeText,
  Status: CommaList(`comma-separated, each one of ${KYC_DOCUMENT_STATUSES.join(', ')}`, KycDocumentStatus),
  Type: CommaList(`comma-separated, each one of ${KYC_DOCUMENT_TYPES.join(', ')}`, KycDocumentType),
};

export const UserDocumentsQuery = closedStruct('UserDocumentsQuery', 'query parameter', {}, documentFilters);
export const AllDocumentsQuery = closedStruct('AllDocumentsQuery', 'query parameter', {}, documentFilters);
export const SessionsQuery = closedStruct('SessionsQuery', 'query parameter', {}, paging);
export const AuditQuery = closedStruct('AuditQuery', 'query parameter', {}, { format: oneOf(['text', 'json'] as const, literals('format', ['text', 'json'])) });
/** Routes that take no query parameter still refuse one, rather than answer as if it had been understood. */
export const NoQuery = closedStruct('NoQuery', 'query parameter', {});

export type UserDocumentsQuery = t.TypeOf<typeof UserDocumentsQuery>;
export type AllDocumentsQuery = t.TypeOf<typeof AllDocumentsQuery>;
