import { describe, expect, it } from 'vitest';
import { apiKeyVerifier } from '../../src/adapters/http-service/api-key-authentication.js';

const KEY = 'k'.repeat(40);

describe('the API key in the Authorization header', () => {
  const verify = apiKeyVerifier([KEY, 'another-key-being-rotated-in-0123456789']);

  it('takes the Bearer scheme in any case (the scheme is case-insensitive), the key exact after one space', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) expect(verify(`${scheme} ${KEY}`), scheme).toBe(true);
    expect(verify(`bearer ${KEY.toUpperCase()}`)).toBe(false);
  });

  it('refuses another scheme, no key, a wrong key, or a key with spaces or controls in it', () => {
    for (const header of [undefined, '', `Basic ${KEY}`, `Bearer`, `Bearer `, `Bearer  ${KEY}`, `Bearer ${KEY}x`, `Bearer ${KEY} extra`, `Bearer\t${KEY}`, `Bearer ${KEY}\n`]) {
      expect(verify(header), JSON.stringify(header)).toBe(false);
    }
  });
});
