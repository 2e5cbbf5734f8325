import { Buffer } from 'node:buffer';

/**
 * Format 1 of a sealed field: `pdv1.<subject>.<key id>.<iv>.<ciphertext and tag>`, every part base64url.
 * The header (format, subject, key id) is authenticated as AES-GCM additional data, so a token moved to
 * another subject, or re-labelled with another key, does not open.
 */
export const TOKEN_FORMAT = 'pdv1';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const KEY_ID_BYTES = 16;

export interface SealedParts {
  readonly subject: string;
  readonly keyId: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const headerOf = (subject: string, keyId: string): string => `${TOKEN_FORMAT}.${Buffer.from(subject, 'utf8').toString('base64url')}.${keyId}`;

export const formatToken = (parts: SealedParts): string =>
  `${headerOf(parts.subject, parts.keyId)}.${parts.iv.toString('base64url')}.${Buffer.concat([parts.ciphertext, parts.tag]).toString('base64url')}`;

/** The parts of a format-1 token, or undefined when it is not one (never an exception, never the token in a message). */
export const parseToken = (token: string): SealedParts | undefined => {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== TOKEN_FORMAT) return undefined;
  const [, subjectPart, keyId, ivPart, sealedPart] = parts as [string, string, string, string, string];
  if (![subjectPart, keyId, ivPart, sealedPart].every((part) => BASE64URL.test(part))) return undefined;
  const subject = Buffer.from(subjectPart, 'base64url').toString('utf8');
  const iv = Buffer.from(ivPart, 'base64url');
  const sealed = Buffer.from(sealedPart, 'base64url');
  if (Buffer.from(subject, 'utf8').toString('base64url') !== subjectPart) return undefined;
  if (Buffer.from(keyId, 'base64url').length !== KEY_ID_BYTES || iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) return undefined;
  return { subject, keyId, iv, ciphertext: sealed.subarray(0, sealed.length - TAG_BYTES), tag: sealed.subarray(sealed.length - TAG_BYTES) };
};
