import { Buffer } from 'node:buffer';
import type { PageFormat } from '../../src/domain/kyc-document/index.js';

const MAGIC: Readonly<Record<PageFormat, ReadonlyArray<number>>> = {
  PDF: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
  JPEG: [0xff, 0xd8, 0xff, 0xe0],
  PNG: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  GIF: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
};

/** The bytes of a file of `format` (its magic bytes, then filler) of exactly `sizeBytes`. */
export const pageBytes = (format: PageFormat | 'UNKNOWN', sizeBytes: number, fill = 0x41): Buffer => {
  const bytes = Buffer.alloc(sizeBytes, fill);
  if (format !== 'UNKNOWN') Buffer.from(MAGIC[format]).copy(bytes);
  return bytes;
};

/** Mangopay's `File`: the plain base64 of such a file. */
export const pageFile = (format: PageFormat | 'UNKNOWN', sizeBytes: number, fill?: number): string =>
  pageBytes(format, sizeBytes, fill).toString('base64');
