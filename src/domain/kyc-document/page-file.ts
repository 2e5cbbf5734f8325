import { Buffer } from 'node:buffer';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { KycDocumentType } from './kyc-document.vocabulary.js';
import { detectPageFormat, type PageFormat } from './page-format.js';
import { minBytesFor, type PagePolicy } from './page-policy.js';

/** What is kept of a page: its fingerprint, never its content. */
export interface PageFacts {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly format: PageFormat;
}

export type PageFileError =
  | DomainError<'PAGE_DATA_URI_PREFIX'>
  | DomainError<'PAGE_INVALID_BASE64'>
  | (DomainError<'PAGE_TOO_SMALL'> & { readonly sizeBytes: number; readonly minBytes: number })
  | (DomainError<'PAGE_TOO_LARGE'> & { readonly maxBytes: number })
  | (DomainError<'PAGE_FORMAT_NOT_ACCEPTED'> & {
      readonly detected: PageFormat | 'UNKNOWN';
      readonly accepted: ReadonlyArray<PageFormat>;
    });

const isBase64Char = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;

/**
 * Plain base64: the standard alphabet, whole 4-character groups, at most two `=` and only at the end.
 * A linear scan: a regular expression backtracks (and overflows the stack) on a 10 MB input.
 */
const isPlainBase64 = (text: string): boolean => {
  const length = text.length;
  if (length === 0 || length % 4 !== 0) return false;
  const padding = text.charCodeAt(length - 1) === 61 ? (text.charCodeAt(length - 2) === 61 ? 2 : 1) : 0;
  for (let i = 0; i < length - padding; i++) if (!isBase64Char(text.charCodeAt(i))) return false;
  return true;
};

const decodedLength = (base64: string): number => {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
};

/**
 * Checks a page file (Mangopay's `File`: plain base64) against a policy, cheapest checks first: the
 * prefix and the encoded length before any decoding, the size before the format, and the hash last.
 */
export const analysePageFile = (
  base64: string,
  policy: PagePolicy,
  documentType: KycDocumentType,
): E.Either<PageFileError, PageFacts> => {
  if (/^\s*data:/i.test(base64.slice(0, 64))) {
    return E.left(
      domainError(
        'PAGE_DATA_URI_PREFIX',
        'The page file starts with a data: URI prefix; send only the base64 content, without "data:...;base64,"',
      ),
    );
  }
  if (base64.length > policy.maxBase64Length) {
    return E.left(
      domainError('PAGE_TOO_LARGE', `The page file is larger than ${policy.maxBase64Length} base64 characters`, {
        maxBytes: policy.maxBytes,
      }),
    );
  }
  if (!isPlainBase64(base64)) {
    return E.left(domainError('PAGE_INVALID_BASE64', 'The page file is not plain base64 (standard alphabet, padded)'));
  }
  const sizeBytes = decodedLength(base64);
  const minBytes = minBytesFor(policy, documentType);
  if (sizeBytes < minBytes) {
    return E.left(
      domainError('PAGE_TOO_SMALL', `The page is ${sizeBytes} bytes; a ${documentType} page needs at least ${minBytes}`, {
        sizeBytes,
        minBytes,
      }),
    );
  }
  if (sizeBytes > policy.maxBytes) {
    return E.left(
      domainError('PAGE_TOO_LARGE', `The page is larger than ${policy.maxBytes} bytes`, { maxBytes: policy.maxBytes }),
    );
  }
  const bytes = Buffer.from(base64, 'base64');
  const format = detectPageFormat(bytes.subarray(0, 16));
  if (format === undefined || !policy.acceptedFormats.includes(format)) {
    return E.left(
      domainError(
        'PAGE_FORMAT_NOT_ACCEPTED',
        `The page is ${format ?? 'of an unknown format'}; accepted: ${policy.acceptedFormats.join(', ')} (read from the file's content)`,
        { detected: format ?? 'UNKNOWN', accepted: policy.acceptedFormats },
      ),
    );
  }
  return E.right({ sha256: bytesToHex(sha256(bytes)), sizeBytes, format });
};
