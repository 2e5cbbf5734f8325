import * as t from 'io-ts';

import { KycDocumentStatus, KycDocumentType } from '../../domain/kyc-document/index.js';
import { isMangopayId, MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import { literals, struct } from '../../domain/shared/codec-helpers.js';
import { ReturnUrl } from '../../application/platform-commands/return-url.js';

/**
 * The platform API speaks Mangopay's words and casing (Type, Tag, File, Status, ReturnUrl; Page, Per_Page…),
 * so a team that knows Mangopay's API knows this one. Every body and query goes through one of these codecs.
 */

export const CreateKycDocumentBody = struct('CreateKycDocumentBody', { Type: KycDocumentType }, { Tag });
export const CreateKycPageBody = struct('CreateKycPageBody', { File: t.string });
export const SubmitKycDocumentBody = struct('SubmitKycDocumentBody', { Status: t.literal('VALIDATION_ASKED') }, { Tag });
/** ReturnUrl as Mangopay takes it, canonical (refused, never rewritten, when what was sent is not): see return-url.ts. */
export const CreateIdvSessionBody = struct('CreateIdvSessionBody', { ReturnUrl }, { Tag });

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
  'UnixTimestamp',
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

const paging = {
  Page: PositiveIntText('Page (a whole number from 1)', 1_000_000),
  Per_Page: PositiveIntText('Per_Page (1 to 100)', 100),
  Sort: literals('Sort (CreationDate:ASC | CreationDate:DESC)', ['CreationDate:ASC', 'CreationDate:DESC']),
};

export const UserDocumentsQuery = struct('UserDocumentsQuery', {}, {
  ...paging,
  BeforeDate: UnixTimeText,
  AfterDate: UnixTimeText,
  Status: CommaList('Status (KYC document statuses, comma-separated)', KycDocumentStatus),
});
export const AllDocumentsQuery = struct('AllDocumentsQuery', {}, {
  ...paging,
  BeforeDate: UnixTimeText,
  AfterDate: UnixTimeText,
  Status: CommaList('Status (KYC document statuses, comma-separated)', KycDocumentStatus),
  Type: CommaList('Type (KYC document types, comma-separated)', KycDocumentType),
});
export const SessionsQuery = struct('SessionsQuery', {}, paging);
export const AuditQuery = struct('AuditQuery', {}, { format: literals('format (text | json)', ['text', 'json']) });

export type UserDocumentsQuery = t.TypeOf<typeof UserDocumentsQuery>;
export type AllDocumentsQuery = t.TypeOf<typeof AllDocumentsQuery>;
