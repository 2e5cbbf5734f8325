import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { idvSessionJson } from '../../../src/adapters/http-service/shared/resource-json.js';
import { summarizeEvent } from '../../../src/application/audit/event-summary.js';
import { loadAggregate } from '../../../src/application/command-handling/load-aggregate.js';
import { reconcileIdvSession } from '../../../src/application/reconciliation/index.js';
import { isStarted, type IdvSessionEvent } from '../../../src/domain/idv-session/index.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import { mangopayPage, scriptedMangopayClient } from '../../support/scripted-mangopay-fetch.js';
import { coreWith } from '../../webhooks/support/core-with.js';

const sessionId = 'idv_partner_1' as MangopayId;
const userId = 'user_partner_1';

const sessionWire = {
  Id: sessionId,
  UserId: userId,
  Status: 'VALIDATED',
  HostedUrl: 'https://verify.example/s/idv_partner_1',
  ReturnUrl: 'https://platform.example/back',
  CreationDate: 1_700_000_000,
  LastUpdate: 1_700_000_600,
  Checks: [],
};

/** A Mangopay that shows a session (created when the user was BUSINESS) for the user as it is now, behind the real HTTP client. */
const mangopayShowing = (user: Record<string, unknown>) =>
  scriptedMangopayClient([
    { method: 'GET', path: `/identity-verifications/${sessionId}`, answer: () => Response.json(sessionWire) },
    { method: 'GET', path: `/users/${userId}/kyc/ubodeclarations`, answer: () => mangopayPage([]) },
    { method: 'GET', path: `/users/${userId}`, answer: () => Response.json({ Id: userId, CreationDate: 1_690_000_000, KYCLevel: 'LIGHT', ...user }) },
  ]);

const reconciled = async (user: Record<string, unknown>) => {
  const core = coreWith(mangopayShowing(user), fixedClock());
  const outcome = await reconcileIdvSession(core)(sessionId, 'hook-1' as CommandId)();
  const loaded = await loadAggregate(core)(core.sessions, sessionId)();
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return { outcome, state: loaded.right.state, events: loaded.right.events as ReadonlyArray<IdvSessionEvent> };
};

// Before: the import went through StartIdvSession's eligibility rule, so the reconciliation failed with
// IDV_USER_TYPE_NOT_ELIGIBLE and Mangopay's VALIDATED session was never recorded.
describe('a session Mangopay created for a user the eligibility rule refuses (provider truth)', () => {
  it('a user moved to PARTNERSHIP since: the session and its outcome are recorded, the start flagged', async () => {
    const { outcome, state, events } = await reconciled({ PersonType: 'LEGAL', LegalPersonType: 'PARTNERSHIP', UserCategory: 'OWNER' });
    expect(outcome).toMatchObject(E.right({ resource: 'idv-session', unknownAtMangopay: false }));
    expect(events.map((event) => event.type)).toEqual(['IdvSessionStarted', 'IdvSessionValidated']);
    expect(events[0]).toMatchObject({ legalPersonType: 'PARTNERSHIP', anomalies: [{ path: 'user.legalPersonType', rule: 'IdvEligibleLegalPersonType' }] });
    expect(summarizeEvent(events[0]!)).toContain('user.legalPersonType (IdvEligibleLegalPersonType)');
    if (!isStarted(state)) throw new Error('the session was not recorded');
    expect(idvSessionJson(state)).toMatchObject({ Status: 'VALIDATED', Anomalies: [{ Path: 'user.legalPersonType', Rule: 'IdvEligibleLegalPersonType' }] });
  });

  it('a LegalPersonType Mangopay added, of a user no longer an OWNER: kept verbatim, both breaches flagged', async () => {
    const { outcome, events } = await reconciled({ PersonType: 'LEGAL', LegalPersonType: 'COOPERATIVE', UserCategory: 'PAYER' });
    expect(outcome).toMatchObject(E.right({ resource: 'idv-session' }));
    expect(events[0]).toMatchObject({
      legalPersonType: { unrecognized: 'COOPERATIVE' },
      anomalies: [
        { path: 'user.legalPersonType', rule: 'IdvEligibleLegalPersonType' },
        { path: 'user.userCategory', rule: 'IdvOwnerOnly' },
      ],
    });
    expect(summarizeEvent(events[0]!)).toContain('COOPERATIVE (unrecognized)');
  });

  it('an eligible user: the imported start carries no anomaly', async () => {
    const { events } = await reconciled({ PersonType: 'NATURAL', UserCategory: 'OWNER' });
    expect(events[0]).not.toHaveProperty('anomalies');
  });
});
