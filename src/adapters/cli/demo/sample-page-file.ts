import { Buffer } from 'node:buffer';

const MAGIC = {
  PNG: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  PDF: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
} as const;

/** A stand-in scan for the demo: the format's magic bytes then filler, as plain base64 (what Mangopay's `File` takes). */
export const samplePageFile = (format: keyof typeof MAGIC, sizeBytes: number): string => {
  const bytes = Buffer.alloc(sizeBytes, 0x20 + (sizeBytes % 64));
  Buffer.from(MAGIC[format]).copy(bytes);
  return bytes.toString('base64');
};
