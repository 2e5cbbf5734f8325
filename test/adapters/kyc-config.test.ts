import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/composition-root/index.js';

describe('the configuration from environment variables', () => {
  it('works with nothing set: SQLite under ./data, port 3000, the simulator in-process', () => {
    expect(loadConfig({})).toMatchObject({
      _tag: 'Right',
      right: { eventStore: { kind: 'sqlite', filename: './data/kyc.sqlite' }, port: 3000, mangopay: undefined, publicUrl: undefined },
    });
  });

  it('keeps KYC_PUBLIC_URL without its trailing slash, since the webhook path is appended to it', () => {
    expect(loadConfig({ KYC_PUBLIC_URL: 'https://kyc.example.com/' })).toMatchObject({ right: { publicUrl: 'https://kyc.example.com' } });
    expect(loadConfig({ KYC_PUBLIC_URL: 'https://kyc.example.com/base//' })).toMatchObject({ right: { publicUrl: 'https://kyc.example.com/base' } });
  });

  it('names a bad variable and its rule, never its value', () => {
    const bad = loadConfig({ PORT: 'SECRET-MARKER', MANGOPAY_API_KEY: 'SECRET-MARKER-KEY' });
    expect(bad).toMatchObject({ _tag: 'Left', left: { type: 'INVALID_INPUT' } });
    expect(JSON.stringify(bad)).not.toContain('SECRET-MARKER');
    expect(JSON.stringify(bad)).toContain('PORT');
  });
});
