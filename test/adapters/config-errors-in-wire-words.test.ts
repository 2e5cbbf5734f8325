import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/composition-root/index.js';

/**
 * A configuration fault names the variable as the operator set it and the rule in words, with the values it takes,
 * never an internal type (`LOG_LEVEL must be LogLevel` said nothing an operator could act on).
 */
const faultsOf = (env: Readonly<Record<string, string>>) => {
  const config = loadConfig(env);
  return E.isLeft(config) ? config.left.faults : [];
};

describe('configuration faults in the wire words', () => {
  it.each([
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'one of fatal, error, warn, info, debug, trace, silent'],
    [{ PORT: 'x' }, 'PORT', 'a whole number from 0 to 65535'],
    [{ KYC_EVENT_STORE: 'mysql://x' }, 'KYC_EVENT_STORE', 'one of memory, sqlite:<file>, postgres://…, esdb://…'],
    [{ KYC_PAGE_POLICY: 'strict' }, 'KYC_PAGE_POLICY', 'seed or current'],
    [{ KYC_WEBHOOK_TAKE_OVER: 'yes' }, 'KYC_WEBHOOK_TAKE_OVER', 'true or false'],
    [{ KYC_WEBHOOK_MAX_PER_MINUTE: '0' }, 'KYC_WEBHOOK_MAX_PER_MINUTE', 'a whole number from 1 to 100000 (per minute)'],
    [{ MANGOPAY_BASE_URL: 'ftp://x' }, 'MANGOPAY_BASE_URL', 'an absolute http(s) URL'],
  ])('%j: %s must be %s', (env, path, rule) => {
    expect(faultsOf(env)).toEqual([{ path, rule }]);
  });

  it('names no internal type in any fault of a configuration that breaks every rule', () => {
    const faults = faultsOf({ LOG_LEVEL: '?', PORT: '?', KYC_EVENT_STORE: '?', KYC_PAGE_POLICY: '?', KYC_WEBHOOK_TAKE_OVER: '?', KYC_RETENTION_YEARS: '?', KYC_SWEEP_EVERY_SECONDS: '?' });
    expect(faults.length).toBe(7);
    for (const fault of faults) expect(fault.rule).not.toMatch(/^[A-Z][a-z]+[A-Z]|Level|Name|String|Location|Flag\b|Years\b|Seconds\b/);
  });
});
