import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyIdentifier, apiKeyIdOf } from '../../src/adapters/shared/http/index.js';

const KEY = 'k'.repeat(40);
const NEXT_KEY = 'another-key-being-rotated-in-0123456789';
const AUDITOR_KEY = 'auditor-key-0123456789abcdef0123456789ab';

describe('the API key in the Authorization header', () => {
  const identify = apiKeyIdentifier([
    { key: KEY, role: 'platform' },
    { key: NEXT_KEY, role: 'platform' },
    { key: AUDITOR_KEY, role: 'auditor' },
  ]);

  it('takes the Bearer scheme in any case (the scheme is case-insensitive), the key exact after one space', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) expect(identify(`${scheme} ${KEY}`), scheme).toEqual({ keyId: apiKeyIdOf(KEY), role: 'platform' });
    expect(identify(`bearer ${KEY.toUpperCase()}`)).toBeUndefined();
  });

  it('refuses another scheme, no key, a wrong key, or a key with spaces or controls in it', () => {
    for (const header of [undefined, '', `Basic ${KEY}`, `Bearer`, `Bearer `, `Bearer  ${KEY}`, `Bearer ${KEY}x`, `Bearer ${KEY} extra`, `Bearer\t${KEY}`, `Bearer ${KEY}\n`]) {
      expect(identify(header), JSON.stringify(header)).toBeUndefined();
    }
  });

  it('names each valid key by its id and role, whichever of them it is', () => {
    expect(identify(`Bearer ${NEXT_KEY}`)).toEqual({ keyId: apiKeyIdOf(NEXT_KEY), role: 'platform' });
    expect(identify(`Bearer ${AUDITOR_KEY}`)).toEqual({ keyId: apiKeyIdOf(AUDITOR_KEY), role: 'auditor' });
  });

  it('ids a key by the first 12 hex digits of its SHA-256 (what `sha256sum` prints), which does not hold the key', () => {
    expect(apiKeyIdOf(AUDITOR_KEY)).toBe(createHash('sha256').update(AUDITOR_KEY).digest('hex').slice(0, 12));
    expect(apiKeyIdOf(AUDITOR_KEY)).toMatch(/^[0-9a-f]{12}$/);
    expect(apiKeyIdOf(KEY)).not.toBe(apiKeyIdOf(NEXT_KEY));
  });
});
