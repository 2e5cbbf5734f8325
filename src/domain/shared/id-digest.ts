import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The one way this project derives an id from what identifies it (a command and a step, a hook and its sequence,
 * a request): SHA-256 of the parts joined by NUL, which no part holds, as lowercase hex. One hash library for the
 * whole tree, and the one the domain can use too (it runs anywhere: no Node built-in).
 */
export const idDigest = (...parts: ReadonlyArray<string | number>): string => bytesToHex(sha256(utf8ToBytes(parts.join('\u0000'))));

/**
 * A digest laid out as a UUID (8-4-4-4-12 of its first 32 hex digits), where a store or Mangopay wants one. With a
 * version, its nibble and the RFC 9562 variant bits are set, so any UUID check accepts it.
 */
export const uuidOfDigest = (hex: string, version?: '4' | '8'): string => {
  const digits =
    version === undefined
      ? hex.slice(0, 32)
      : `${hex.slice(0, 12)}${version}${hex.slice(13, 16)}${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0')}${hex.slice(18, 32)}`;
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20, 32)}`;
};
