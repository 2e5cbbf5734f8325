import { createHash, timingSafeEqual } from 'node:crypto';
import { idDigest } from '../../../domain/shared/id-digest.js';
import type { ApiKeyGrant, ApiKeyRole } from './api-key-roles.js';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Who presented a request: the key's id (never the key) and its role. */
export interface ApiKeyIdentity {
  readonly keyId: string;
  readonly role: ApiKeyRole;
}

/**
 * The id a key is named by in logs and answers: the first 12 hex digits of its SHA-256, so an operator holding a
 * key finds its id with `printf %s "$KEY" | sha256sum | cut -c1-12`, and an id tells nothing usable about a key.
 */
export const apiKeyIdOf = (key: string): string => idDigest(key).slice(0, 12);

/**
 * Which of the valid keys an `Authorization` header carries (`Bearer <key>`), with its role; undefined for
 * none. Several keys may be valid at once (a rotation; keys of different roles). Each comparison is on
 * fixed-length digests with timingSafeEqual, and every valid key is compared whatever matched, so the time
 * taken tells nothing about any key or about which one matched.
 */
export const apiKeyIdentifier = (grants: ReadonlyArray<ApiKeyGrant>): ((authorization: string | undefined) => ApiKeyIdentity | undefined) => {
  const valid = grants.map((grant) => ({ digest: digest(grant.key), identity: { keyId: apiKeyIdOf(grant.key), role: grant.role } }));
  return (authorization) => {
    // The scheme is case-insensitive (RFC 9110 §11.1); the key is exact, after one space, as the platform sends it.
    const match = /^bearer ([\x21-\x7e]{1,512})$/i.exec(authorization ?? '');
    const presented = digest(match?.[1] ?? '');
    let found: ApiKeyIdentity | undefined;
    for (const candidate of valid) {
      const equal = timingSafeEqual(candidate.digest, presented);
      found = equal ? candidate.identity : found;
    }
    return match === null ? undefined : found;
  };
};

