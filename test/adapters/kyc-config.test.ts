import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/composition-root/index.js';

describe('the configuration from environment variables', () => {
  it('works with nothing set: SQLite under ./data, port 3000, the simulator in-process', () => {
    expect(loadConfig({})).toMatchObject({
      _tag: 'Right',
      right: { eventStore: { kind: 'sqlite', filename: './data/kyc.sqlite' }, port: 3000, mangopay: undefined, publicUrl: undefined },
    });
  });

  it("runs today's Mangopay page rules by default (Mangopay refuses the seed's GIFs and small identity proofs); the seed's on KYC_PAGE_POLICY=seed", () => {
    expect(loadConfig({})).toMatchObject({ right: { pagePolicy: 'current' } });
    expect(loadConfig({ KYC_PAGE_POLICY: 'seed' })).toMatchObject({ right: { pagePolicy: 'seed' } });
    expect(loadConfig({ KYC_PAGE_POLICY: 'current' })).toMatchObject({ right: { pagePolicy: 'current' } });
  });

  it('keeps KYC_PUBLIC_URL without its trailing slash, since the webhook path is appended to it', () => {
    expect(loadConfig({ KYC_PUBLIC_URL: 'https://kyc.example.com/' })).toMatchObject({ right: { publicUrl: 'https://kyc.example.com' } });
    expect(loadConfig({ KYC_PUBLIC_URL: 'https://kyc.example.com/base//' })).toMatchObject({ right: { publicUrl: 'https://kyc.example.com/base' } });
  });

  it('keeps processed and ignored hooks 7 days by default, or KYC_INBOX_RETENTION_DAYS days; a bad value is named, not echoed', () => {
    expect(loadConfig({})).toMatchObject({ right: { inboxRetentionDays: 7 } });
    expect(loadConfig({ KYC_INBOX_RETENTION_DAYS: '30' })).toMatchObject({ right: { inboxRetentionDays: 30 } });
    expect(loadConfig({ KYC_INBOX_RETENTION_DAYS: '0' })).toMatchObject({ right: { inboxRetentionDays: 0 } });
    for (const value of ['7d', '-1', '3651']) {
      const bad = loadConfig({ KYC_INBOX_RETENTION_DAYS: value });
      expect(bad).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT' } });
      expect(JSON.stringify(bad)).toContain('KYC_INBOX_RETENTION_DAYS');
      expect(JSON.stringify(bad)).not.toContain(`"${value}"`);
    }
  });

  it('names a bad variable and its rule, never its value', () => {
    const bad = loadConfig({ PORT: 'SECRET-MARKER', MANGOPAY_API_KEY: 'SECRET-MARKER-KEY' });
    expect(bad).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT' } });
    expect(JSON.stringify(bad)).not.toContain('SECRET-MARKER');
    expect(JSON.stringify(bad)).toContain('PORT');
  });
});
