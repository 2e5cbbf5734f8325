import type * as t from 'io-ts';
import { literals } from '../shared/codec-helpers.js';

/** The formats the seed accepts (.pdf, .jpeg/.jpg, .gif, .png), as detected from the bytes. */
export const PAGE_FORMATS = ['PDF', 'JPEG', 'PNG', 'GIF'] as const;
export const PageFormat = literals('PageFormat', PAGE_FORMATS);
export type PageFormat = t.TypeOf<typeof PageFormat>;

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>): boolean =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

const SIGNATURES: ReadonlyArray<readonly [PageFormat, ReadonlyArray<ReadonlyArray<number>>]> = [
  ['PDF', [[0x25, 0x50, 0x44, 0x46, 0x2d]]], // %PDF-
  ['JPEG', [[0xff, 0xd8, 0xff]]],
  ['PNG', [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]],
  [
    'GIF',
    [
      [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], // GIF87a
      [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
    ],
  ],
];

/** Reads the format from the file's magic bytes: never from a name, an extension or a claim. */
export const detectPageFormat = (head: Uint8Array): PageFormat | undefined =>
  SIGNATURES.find(([, signatures]) => signatures.some((signature) => startsWith(head, signature)))?.[0];
