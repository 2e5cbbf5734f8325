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

  it('takes over hooks held by another URL only with KYC_WEBHOOK_TAKE_OVER=true; another value is named, not echoed', () => {
    expect(loadConfig({})).toMatchObject({ right: { webhook: { takeOver: false } } });
    expect(loadConfig({ KYC_WEBHOOK_TAKE_OVER: 'true' })).toMatchObject({ right: { webhook: { takeOver: true } } });
    expect(loadConfig({ KYC_WEBHOOK_TAKE_OVER: 'false' })).toMatchObject({ right: { webhook: { takeOver: false } } });
    const bad = loadConfig({ KYC_WEBHOOK_TAKE_OVER: 'SECRET-yes' });
    expect(bad).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT', faults: [{ path: 'KYC_WEBHOOK_TAKE_OVER' }] } });
    expect(JSON.stringify(bad)).not.toContain('SECRET');
  });

  it('sweeps every 60 s for what nothing observed for 15 min, within 60 background calls a minute, unless told; a bad value is named, not echoed', () => {
    expect(loadConfig({})).toMatchObject({ right: { sweep: { everySeconds: 60, olderThanSeconds: 900 }, backgroundCallsPerMinute: 60 } });
    expect(
      loadConfig({ KYC_SWEEP_EVERY_SECONDS: '0', KYC_SWEEP_OLDER_THAN_SECONDS: '30', KYC_BACKGROUND_CALLS_PER_MINUTE: '20' }),
    ).toMatchObject({ right: { sweep: { everySeconds: 0, olderThanSeconds: 30 }, backgroundCallsPerMinute: 20 } });
    for (const [name, value] of [
      ['KYC_SWEEP_EVERY_SECONDS', '1m'],
      ['KYC_SWEEP_OLDER_THAN_SECONDS', '-5'],
      ['KYC_BACKGROUND_CALLS_PER_MINUTE', '0'],
    ] as const) {
      const bad = loadConfig({ [name]: value });
      expect(bad).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT' } });
      expect(JSON.stringify(bad)).toContain(name);
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
