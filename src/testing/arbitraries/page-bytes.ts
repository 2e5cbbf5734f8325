import { Buffer } from 'node:buffer';
import type { PageFormat } from '../../domain/kyc-document/page-format.js';

/** How each accepted format's files start (written from the formats' specifications, not read from the domain). */
export const PAGE_MAGIC_BYTES: Readonly<Record<PageFormat, ReadonlyArray<number>>> = {
  PDF: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37], // %PDF-1.7
  JPEG: [0xff, 0xd8, 0xff, 0xe0],
  PNG: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  GIF: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
};

/** Files a user might upload that are none of the seed's formats, and near misses of the accepted signatures. */
export const FOREIGN_MAGIC_BYTES: Readonly<Record<string, ReadonlyArray<number>>> = {
  BMP: [0x42, 0x4d],
  TIFF: [0x49, 0x49, 0x2a, 0x00],
  WEBP: [0x52, 0x49, 0x46, 0x46, 0x00, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50],
  ZIP: [0x50, 0x4b, 0x03, 0x04],
  HEIC: [0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
  TEXT: [0x48, 0x65, 0x6c, 0x6c, 0x6f], // "Hello"
  PDF_WITHOUT_DASH: [0x25, 0x50, 0x44, 0x46, 0x20],
  GIF88: [0x47, 0x49, 0x46, 0x38, 0x38, 0x61],
  PNG_TRUNCATED: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00],
};

/**
 * A file of exactly `sizeBytes`: the signature, then the filler pattern repeated. A file shorter than its
 * signature keeps only the signature's start (what a truncated upload looks like).
 */
export const pageBytesOf = (signature: ReadonlyArray<number>, sizeBytes: number, filler: ReadonlyArray<number> = [0x41]): Buffer => {
  const bytes = Buffer.alloc(sizeBytes, Uint8Array.from(filler.length === 0 ? [0x41] : filler));
  Buffer.from(signature.slice(0, sizeBytes)).copy(bytes);
  return bytes;
};

/** Mangopay's `File`: the plain base64 of such a file. */
export const pageFileOf = (signature: ReadonlyArray<number>, sizeBytes: number, filler?: ReadonlyArray<number>): string =>
  pageBytesOf(signature, sizeBytes, filler).toString('base64');
