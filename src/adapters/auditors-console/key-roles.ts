import { createHash } from 'node:crypto';
import { apiKeyVerifier } from '../http-service/api-key-authentication.js';

export type ConsoleRole = 'platform' | 'auditor';

/** Who signed in: the key's id (the first 12 hex digits of its SHA-256, as the service's logs name keys; never the key) and its role. */
export interface KeyIdentity {
  readonly keyId: string;
  readonly role: ConsoleRole;
}

/** Names a presented key, or undefined when it opens nothing. Swappable: the roles work (issue 15) brings its own. */
export type IdentifyKey = (presentedKey: string) => KeyIdentity | undefined;

const keyIdOf = (key: string): string => `${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12)}`;

/**
 * Until API keys carry roles, every valid key is the platform's: the console signs it in read-only all the same
 * (the console has no write of the platform API).
 */
export const identifyWithApiKeys =
  (apiKeys: ReadonlyArray<string>): IdentifyKey => {
    const verifies = apiKeyVerifier(apiKeys);
    return (presentedKey) => verifies(`Bearer ${presentedKey}`) ? { keyId: keyIdOf(presentedKey), role: 'platform' } : undefined;
  };
