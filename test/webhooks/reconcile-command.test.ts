import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { reconcileCommand } from '../../src/adapters/cli/reconcile-command.js';
import { CliFailure } from '../../src/adapters/cli/runtime-from-environment.js';
import { reconcileKycDocument } from '../../src/application/reconciliation/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { coreWith } from './support/core-with.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';
import { identityProof, naturalOwner } from './support/mangopay-views.js';
import { scriptedMangopay } from './support/scripted-mangopay.js';

const seeded = async () => {
  const mangopay = scriptedMangopay();
  const core = coreWith(mangopay.api, fixedClock());
  mangopay.users.set('user_1', naturalOwner('user_1'));
  mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATION_ASKED'));
  await ok(reconcileKycDocument(core)('kyc_1' as MangopayId, 'seed' as CommandId));
  mangopay.documents.set('kyc_1', identityProof('kyc_1', 'user_1', 'VALIDATED'));
  let closed = 0;
  const printed: string[] = [];
  const progress: string[] = [];
  const command = reconcileCommand(
    async () => ({ core, close: async () => void closed++ }),
    (text) => printed.push(text),
    (line) => void progress.push(line),
  );
  return { mangopay, command, printed, progress, closed: () => closed };
};

describe('kyc reconcile', () => {
  it('sweeps, prints what it did, and lets the runtime go', async () => {
    const { command, printed, progress, closed } = await seeded();
    await command.parseAsync(['--sweep-id', 'nightly-1'], { from: 'user' });
    // Progress goes apart from the results (stderr), at the end of each kind at least, piped or not.
    expect(progress).toEqual(['reconcile: kyc-document 1/1\n', 'reconcile: user 1/1\n']);
    expect(printed.join('\n')).toBe(
      [
        'sweep nightly-1',
        'documents: 1 checked, 2 events recorded, 0 unknown at Mangopay',
        'sessions: 0 checked, 0 events recorded, 0 unknown at Mangopay',
        'users: 1 checked, 0 events recorded, 0 unknown at Mangopay',
      ].join('\n'),
    );
    expect(closed()).toBe(1);
  });

  it('prints JSON, and fails (exit status 1) naming what it could not reconcile', async () => {
    const { command, printed, closed, mangopay } = await seeded();
    mangopay.failNext('viewKycDocument', { type: 'MANGOPAY_UNAVAILABLE', message: 'Mangopay answered HTTP 503', reason: 'server-error', status: 503, attempts: 4 });
    await expect(command.parseAsync(['--json', '--no-users', '--sweep-id', 's2'], { from: 'user' })).rejects.toBeInstanceOf(CliFailure);
    const report = JSON.parse(printed[0] ?? '{}') as { sweepId: string; users: { checked: number }; failures: unknown[] };
    expect(report.sweepId).toBe('s2');
    expect(report.users.checked).toBe(0);
    expect(report.failures).toEqual([{ resource: 'kyc-document', id: 'kyc_1', type: 'MANGOPAY_UNAVAILABLE', message: 'Mangopay answered HTTP 503' }]);
    expect(closed()).toBe(1);
  });
});
