import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runKycCli } from '../support/kyc-cli-child.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('CLI commands refuse what they cannot do right', () => {
  it('kyc reconcile without Mangopay configured refuses in one line (exit 1) instead of polling an empty in-process simulator', async () => {
    const directory = temporaryDirectory('cli-refusals');
    cleanups.push(directory.remove);
    const dataDir = join(directory.path, 'data');
    const run = await runKycCli(['reconcile'], { KYC_DATA_DIR: dataDir, KYC_EVENT_STORE: `sqlite:${join(dataDir, 'kyc.sqlite')}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(/^kyc reconcile needs Mangopay: set MANGOPAY_BASE_URL, MANGOPAY_CLIENT_ID and MANGOPAY_API_KEY \(/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dataDir)).toBe(false);
  });
});
