import { createHash } from 'node:crypto';
import type { KycDocumentType } from './mangopay-words.js';
import { pageFormatOf, type PageFormat } from './page-format.js';

const KB = 1024;
const MB = 1024 * KB;

/** What a KYC page may be: Mangopay's file constraints, as a value so the seed's older rules can be chosen. */
export interface PageRules {
  readonly name: 'today' | 'seed';
  readonly formats: ReadonlyArray<PageFormat>;
  readonly minBytes: number;
  readonly minBytesByType: Readonly<Partial<Record<KycDocumentType, number>>>;
  readonly maxBytes: number;
  readonly maxBase64Length: number;
  /** Undefined: as many pages as needed (the seed). */
  readonly maxPages: number | undefined;
}

/** "Document submission process" today: PDF, JPEG, PNG; ID proof ≥ 32 KB, others ≥ 1 KB; ≈7 MB (10 MB as base64); ≤ 5 files. */
export const TODAY_PAGE_RULES: PageRules = {
  name: 'today',
  formats: ['PDF', 'JPEG', 'PNG'],
  minBytes: 1 * KB,
  minBytesByType: { IDENTITY_PROOF: 32 * KB },
  maxBytes: 7 * MB,
  maxBase64Length: 10 * MB,
  maxPages: 5,
};

/** Seed 002: pdf, jpeg, gif, png; 1 KB to ≈7 MB (10 MB as base64); as many pages as needed. */
export const SEED_PAGE_RULES: PageRules = {
  name: 'seed',
  formats: ['PDF', 'JPEG', 'PNG', 'GIF'],
  minBytes: 1 * KB,
  minBytesByType: {},
  maxBytes: 7 * MB,
  maxBase64Length: 10 * MB,
  maxPages: undefined,
};

/** What the simulator keeps of a page: never its bytes. */
export interface PageRecord {
  readonly sha256: string;
  readonly bytes: number;
  readonly format: PageFormat;
}

/** A refused page: the HTTP status Mangopay's "HTTP response codes" page gives it, and why (never the file). */
export interface PageRefusal {
  readonly status: 400 | 413 | 415;
  readonly reason: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const readPage = (
  rules: PageRules,
  documentType: KycDocumentType,
  pagesSoFar: number,
  file: string,
): { readonly page: PageRecord } | { readonly refused: PageRefusal } => {
  if (rules.maxPages !== undefined && pagesSoFar >= rules.maxPages) {
    return { refused: { status: 400, reason: `A KYC document holds at most ${rules.maxPages} pages.` } };
  }
  if (/^data:/i.test(file.trimStart())) return { refused: { status: 400, reason: 'The File must be plain base64, without a data: URI prefix.' } };
  if (file.length > rules.maxBase64Length) return { refused: { status: 413, reason: `The File is larger than ${rules.maxBase64Length / MB} MB as base64.` } };
  if (file.length === 0 || !BASE64.test(file)) return { refused: { status: 400, reason: 'The File is not valid base64.' } };
  const bytes = Buffer.from(file, 'base64');
  const min = Math.max(rules.minBytes, rules.minBytesByType[documentType] ?? 0);
  if (bytes.length < min) return { refused: { status: 400, reason: `A ${documentType} page is at least ${min / KB} KB.` } };
  if (bytes.length > rules.maxBytes) return { refused: { status: 413, reason: `A page is at most ${rules.maxBytes / MB} MB.` } };
  const format = pageFormatOf(bytes);
  if (format === undefined || !rules.formats.includes(format)) {
    return { refused: { status: 415, reason: `The File must be one of ${rules.formats.join(', ')} (read from its first bytes).` } };
  }
  return { page: { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, format } };
};
