import * as E from 'fp-ts/lib/Either.js';
import { API_KEY_ROLES, isApiKeyRole, type ApiKeyGrant, type ApiKeyRole } from '../shared/http/index.js';

/** The rule KYC_API_KEYS must follow, as a configuration error names it. */
export const API_KEY_ENTRIES_RULE = `ApiKeys (comma-separated [role:]key entries, role ${API_KEY_ROLES.join(' | ')} (default platform), each key 32-512 visible ASCII characters but comma)`;

const KEY = /^[\x21-\x2b\x2d-\x7e]{32,512}$/;
/** What reads as a role: lowercase letters before the first colon (a key holding such a colon is written `platform:<key>`). */
const ROLE_PREFIX = /^([a-z]{1,32}):(.*)$/s;

/**
 * KYC_API_KEYS: `<key>` (a platform key, as before roles), `platform:<key>` or `auditor:<key>`, comma-separated.
 * The same key twice with one role is one key; with two roles it is refused (a key has one role). A fault is
 * named by the entry's position and the rule, never by what the entry holds (it is a secret).
 */
export const parseApiKeyEntries = (text: string): E.Either<string, ReadonlyArray<ApiKeyGrant>> => {
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) return E.left(`${API_KEY_ENTRIES_RULE}: no entry`);
  const grants: ApiKeyGrant[] = [];
  const roleOfKey = new Map<string, { readonly role: ApiKeyRole; readonly entry: number }>();
  for (const [index, entry] of entries.entries()) {
    const position = index + 1;
    const prefixed = ROLE_PREFIX.exec(entry);
    const roleWord = prefixed?.[1];
    if (roleWord !== undefined && !isApiKeyRole(roleWord)) {
      return E.left(`${API_KEY_ENTRIES_RULE}: entry ${position} names no known role before its ':' (roles: ${API_KEY_ROLES.join(', ')}; a key that holds such a ':' is written platform:<key>)`);
    }
    const role: ApiKeyRole = roleWord ?? 'platform';
    const key = prefixed === null ? entry : (prefixed[2] as string);
    if (!KEY.test(key)) return E.left(`${API_KEY_ENTRIES_RULE}: entry ${position} is not a key of 32-512 visible ASCII characters`);
    const earlier = roleOfKey.get(key);
    if (earlier !== undefined && earlier.role !== role) {
      return E.left(`${API_KEY_ENTRIES_RULE}: entries ${earlier.entry} and ${position} give one key two roles (a key has one role)`);
    }
    if (earlier !== undefined) continue;
    roleOfKey.set(key, { role, entry: position });
    grants.push({ key, role });
  }
  return E.right(grants);
};

export const formatApiKeyEntries = (grants: ReadonlyArray<ApiKeyGrant>): string => grants.map((grant) => `${grant.role}:${grant.key}`).join(',');
