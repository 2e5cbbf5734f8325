import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { idvSessionJson } from '../../../src/adapters/http-service/shared/resource-json.js';
import { summarizeEvent } from '../../../src/application/audit/event-summary.js';
import { loadAggregate } from '../../../src/application/command-handling/load-aggregate.js';
import { reconcileIdvSession } from '../../../src/application/reconciliation/index.js';
import type { IdvSession, IdvSessionEvent } from '../../../src/domain/idv-session/index.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import { scriptedMangopayClient } from '../../support/scripted-mangopay-fetch.js';
import { coreWith } from '../../webhooks/support/core-with.js';

const USER = { Id: 'user_m_1', CreationDate: 1_700_000_000, PersonType: 'NATURAL', UserCategory: 'OWNER', KYCLevel: 'REGULAR' };
const LONG = `${'x'.repeat(254)}😀 and more`;

/** A validated session whose checks hold what the core's shape did not foresee, as Mangopay might send them. */
const SESSION = {
  Id: 'idnver_odd',
  UserId: 'user_m_1',
  Status: 'VALIDATED',
  HostedUrl: 'https://idv.example/odd',
  ReturnUrl: 'https://platform.example/back',
  CreationDate: 1_700_000_100,
  LastUpdate: 1_700_000_200,
  Checks: [
    {
      CheckId: 'chk_1',
      Type: 'IDENTITY_DOCUMENT_VERIFICATION',
      CheckStatus: 'VALIDATED',
      CreationDate: 1_700_000_150,
      LastUpdate: 1_700_000_150,
      Data: [
        { Type: 'FIRST_NAME', Value: '' },
        { Type: 'LAST_NAME', Value: LONG },
        { Type: 'NATIONALITY', Value: { Code: 'FR' } },
        { Type: 'BIRTHDATE', Value: 631_152_000 },
      ],
    },
    { CheckId: 'chk_2', Type: 'IDV_AGE_CHECK', CreationDate: 1_700_000_150, LastUpdate: 1_700_000_150, Data: [] },
  ],
};

const mangopay = scriptedMangopayClient([
  { method: 'GET', path: '/identity-verifications/idnver_odd', answer: () => Response.json(SESSION) },
  { method: 'GET', path: '/users/user_m_1', answer: () => Response.json(USER) },
]);

// Before: the empty and over-long values failed the domain's codec, the object and the missing CheckStatus the
// wire's; each made the whole reconciliation MANGOPAY_RESPONSE_INVALID and the VALIDATED session was never recorded.
it('empty, over-long and non-string data point values and a check without CheckStatus are recorded and flagged', async () => {
  const core = coreWith(mangopay, fixedClock());
  const outcome = await reconcileIdvSession(core)('idnver_odd' as MangopayId, 'odd-1' as CommandId)();
  expect(outcome).toMatchObject(E.right({ resource: 'idv-session' }));
  const loaded = await loadAggregate(core)(core.sessions, 'idnver_odd' as MangopayId)();
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  const session = loaded.right.state as IdvSession;
  expect(session.status).toBe('VALIDATED');
  const [identity, age] = session.checks;
  expect(identity!.dataPoints).toEqual([
    { type: 'FIRST_NAME', value: '' },
    // Cut at the bound, before the emoji's surrogate pair rather than inside it.
    { type: 'LAST_NAME', value: 'x'.repeat(254), valueAltered: 'TRUNCATED' },
    { type: 'NATIONALITY', value: '{"Code":"FR"}', valueAltered: 'JSON_TEXT' },
    { type: 'BIRTHDATE', value: '631152000' },
  ]);
  expect(age!.status).toBeUndefined();
  expect(session.anomalies).toEqual(
    expect.arrayContaining([
      { path: 'checks.0.dataPoints.0.value', rule: 'ValueNotEmpty' },
      { path: 'checks.0.dataPoints.1.value', rule: 'ValueWithinBound' },
      { path: 'checks.0.dataPoints.2.value', rule: 'ValueIsText' },
      { path: 'checks.1.status', rule: 'CheckStatusPresent' },
    ]),
  );
  const view = idvSessionJson(session);
  expect(view.Checks[1]!.Status).toBeNull();
  expect(view.Anomalies).toContainEqual({ Path: 'checks.1.status', Rule: 'CheckStatusPresent' });
  const validated = (loaded.right.events as ReadonlyArray<IdvSessionEvent>).find((event) => event.type === 'IdvSessionValidated')!;
  const line = summarizeEvent(validated);
  expect(line).toContain('no CheckStatus [0 data points]');
  expect(line).toContain('checks.1.status (CheckStatusPresent)');
  // The audit line names paths and rules, never a value.
  expect(line).not.toContain('xxxx');
  expect(line).not.toContain('FR');
});
