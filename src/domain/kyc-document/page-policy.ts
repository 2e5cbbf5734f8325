import type { KycDocumentType } from './kyc-document.vocabulary.js';
import type { PageFormat } from './page-format.js';

const KB = 1024;
const MB = 1024 * KB;

/**
 * What a page may be. A value passed to the decider, so the seed's rules and Mangopay's current rules
 * can both be run (and a platform can bring its own, stricter one).
 */
export interface PagePolicy {
  readonly name: string;
  readonly acceptedFormats: ReadonlyArray<PageFormat>;
  /** Smallest decoded file, in bytes. */
  readonly minBytes: number;
  /** A larger minimum for some document types. */
  readonly minBytesByType: Readonly<Partial<Record<KycDocumentType, number>>>;
  /** Largest decoded file, in bytes. */
  readonly maxBytes: number;
  /** Largest base64 text, in characters: checked before anything is decoded. */
  readonly maxBase64Length: number;
  /** At most this many pages in one document; undefined = as many as needed. */
  readonly maxPages: number | undefined;
}

/** Seed 002: pdf, jpeg/jpg, gif, png; 1 KB to about 7 MB (10 MB as base64); "as many pages as needed". */
export const SEED_PAGE_POLICY: PagePolicy = {
  name: 'seed (API v2)',
  acceptedFormats: ['PDF', 'JPEG', 'PNG', 'GIF'],
  minBytes: 1 * KB,
  minBytesByType: {},
  maxBytes: 7 * MB,
  maxBase64Length: 10 * MB,
  maxPages: undefined,
};

/** Mangopay's rules today: no gif, an IDENTITY_PROOF page of at least 32 KB, at most 5 pages. */
export const CURRENT_MANGOPAY_PAGE_POLICY: PagePolicy = {
  name: 'Mangopay today',
  acceptedFormats: ['PDF', 'JPEG', 'PNG'],
  minBytes: 1 * KB,
  minBytesByType: { IDENTITY_PROOF: 32 * KB },
  maxBytes: 7 * MB,
  maxBase64Length: 10 * MB,
  maxPages: 5,
};

export const minBytesFor = (policy: PagePolicy, documentType: KycDocumentType): number =>
  Math.max(policy.minBytes, policy.minBytesByType[documentType] ?? 0);
