import { apiKeyIdentifier, type ApiKeyGrant, type ApiKeyIdentity, type ApiKeyRole } from '../shared/http/index.js';

export type ConsoleRole = ApiKeyRole;

/** Who signed in: the key's id (as the service's logs name keys; never the key) and its role. */
export type KeyIdentity = ApiKeyIdentity;

/** Names a presented key, or undefined when it opens nothing. */
export type IdentifyKey = (presentedKey: string) => KeyIdentity | undefined;

/**
 * The service's own key identification (constant-time over every valid key): an `auditor` or a `platform` key
 * signs in. The console is read-only for both; both see personal values masked until they reveal one with a reason.
 */
export const identifyWithApiKeys = (grants: ReadonlyArray<ApiKeyGrant>): IdentifyKey => {
  const identify = apiKeyIdentifier(grants);
  return (presentedKey) => identify(`Bearer ${presentedKey}`);
};
