/** The formats Mangopay names for a KYC page, told apart by the file's first bytes, never by a name or a claim. */
export type PageFormat = 'PDF' | 'JPEG' | 'PNG' | 'GIF';

const SIGNATURES: ReadonlyArray<readonly [PageFormat, ReadonlyArray<number>]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]], // GIF8 (GIF87a / GIF89a)
];

export const pageFormatOf = (bytes: Uint8Array): PageFormat | undefined =>
  SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0];
