import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/composition-root/index.js';

const PLATFORM = 'cfg-platform-key-0123456789abcdef0123456789';
const NEXT = 'cfg-next-platform-key-0123456789abcdef012345';
const AUDITOR = 'cfg-auditor-key-0123456789abcdef01234567890';

const keysOf = (value: string) => loadConfig({ KYC_API_KEYS: value });

/** A refusal names KYC_API_KEYS and the rule, and holds no key (nor any other part of an entry than a known role). */
const expectRefused = (value: string, rule: RegExp) => {
  const refused = keysOf(value);
  expect(refused).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT', faults: [{ path: 'KYC_API_KEYS', rule: expect.stringMatching(rule) }] } });
  const text = JSON.stringify(refused);
  for (const entry of value.split(',')) for (const part of entry.split(':')) if (part.trim().length >= 6 && !['platform', 'auditor'].includes(part.trim())) expect(text, 'an entry was echoed').not.toContain(part.trim());
};

describe('KYC_API_KEYS: keys and their roles', () => {
  it('keeps a key without a role a platform key, as before roles', () => {
    expect(keysOf(`${PLATFORM},${NEXT}`)).toMatchObject({ right: { apiKeys: [{ key: PLATFORM, role: 'platform' }, { key: NEXT, role: 'platform' }] } });
  });

  it('takes platform:<key> and auditor:<key> entries, mixed with plain ones, spaces around entries ignored', () => {
    expect(keysOf(` ${PLATFORM} , auditor:${AUDITOR},platform:${NEXT}`)).toMatchObject({
      right: { apiKeys: [{ key: PLATFORM, role: 'platform' }, { key: AUDITOR, role: 'auditor' }, { key: NEXT, role: 'platform' }] },
    });
  });

  it("splits at the first ':' only, so platform:<key> writes a key that holds a ':' after a lowercase word", () => {
    expect(keysOf(`platform:word:${PLATFORM}`)).toMatchObject({ right: { apiKeys: [{ key: `word:${PLATFORM}`, role: 'platform' }] } });
    expect(keysOf(`Word:${PLATFORM}`)).toMatchObject({ right: { apiKeys: [{ key: `Word:${PLATFORM}`, role: 'platform' }] } });
  });

  it('counts the same key twice with one role once', () => {
    expect(keysOf(`auditor:${AUDITOR},auditor:${AUDITOR}`)).toMatchObject({ right: { apiKeys: [{ key: AUDITOR, role: 'auditor' }] } });
  });

  it('refuses an unknown role, naming the variable and the entry, never echoing it', () => {
    expectRefused(`${PLATFORM},auditr:${AUDITOR}`, /entry 2 names no known role before its ':' \(roles: platform, auditor/);
    expectRefused(`admin:${PLATFORM}`, /entry 1 names no known role/);
  });

  it('refuses a key too short or too long, or a role with no key, naming the entry', () => {
    expectRefused(`auditor:short-key`, /entry 1 is not a key of 32-512 visible ASCII characters/);
    expectRefused(`${PLATFORM},auditor:`, /entry 2 is not a key/);
    expectRefused(`${PLATFORM},${'x'.repeat(513)}`, /entry 2 is not a key/);
  });

  it('refuses one key given two roles', () => {
    expectRefused(`${PLATFORM},auditor:${PLATFORM}`, /entries 1 and 2 give one key two roles/);
  });

  it('refuses a value with no entry', () => {
    expect(keysOf(' , ,')).toMatchObject({ _tag: 'Left', left: { faults: [{ path: 'KYC_API_KEYS', rule: expect.stringMatching(/no entry/) }] } });
  });

  it('leaves the keys to the data directory when unset', () => {
    expect(loadConfig({})).toMatchObject({ right: { apiKeys: [] } });
  });
});
