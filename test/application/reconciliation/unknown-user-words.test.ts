import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { summarizeEvent } from '../../../src/application/audit/event-summary.js';
import { loadAggregate } from '../../../src/application/command-handling/load-aggregate.js';
import { reconcileUser } from '../../../src/application/reconciliation/index.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import { isKnownUser, missingForRegular, type UserKycEvent } from '../../../src/domain/user-kyc/index.js';
import { mangopayPage, scriptedMangopayClient } from '../../support/scripted-mangopay-fetch.js';
import { coreWith } from '../../webhooks/support/core-with.js';

/** A Mangopay answering GET users/{Id} with `user` (the wire JSON), and no UBO declaration, behind the real HTTP client. */
const mangopayAnswering = (user: Record<string, unknown>) =>
  scriptedMangopayClient([
    { method: 'GET', path: `/users/${String(user.Id)}/kyc/ubodeclarations`, answer: () => mangopayPage([]) },
    { method: 'GET', path: `/users/${String(user.Id)}`, answer: () => Response.json(user) },
  ]);

const reconciled = async (user: Record<string, unknown>) => {
  const core = coreWith(mangopayAnswering(user), fixedClock());
  const outcome = await reconcileUser(core)(user.Id as MangopayId, 'observe-1' as CommandId)();
  const loaded = await loadAggregate(core)(core.users, user.Id as MangopayId)();
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return { outcome, state: loaded.right.state, events: loaded.right.events as ReadonlyArray<UserKycEvent> };
};

// Before: userProfileFromView answered MANGOPAY_RESPONSE_INVALID and nothing of the user was recorded.
it('a user of a LegalPersonType Mangopay adds next is recorded verbatim with an anomaly; what REGULAR needs is undetermined', async () => {
  const { outcome, state, events } = await reconciled({
    Id: 'user_l_coop',
    CreationDate: 1_700_000_000,
    PersonType: 'LEGAL',
    LegalPersonType: 'COOPERATIVE',
    UserCategory: 'OWNER',
    KYCLevel: 'LIGHT',
  });
  expect(outcome).toMatchObject(E.right({ resource: 'user', recordedEvents: 1 }));
  expect(events).toEqual([
    {
      type: 'UserRegistered',
      userId: 'user_l_coop',
      user: { personType: 'LEGAL', legalPersonType: { unrecognized: 'COOPERATIVE' }, userCategory: 'OWNER' },
      kycLevel: 'LIGHT',
      anomalies: [{ path: 'user.legalPersonType', rule: 'KnownLegalPersonType' }],
    },
  ]);
  expect(isKnownUser(state) && missingForRegular(state)).toBeNull();
  expect(summarizeEvent(events[0]!)).toContain('LEGAL COOPERATIVE (unrecognized) OWNER');
  expect(summarizeEvent(events[0]!)).toContain('user.legalPersonType (KnownLegalPersonType)');
});

it('a UserCategory Mangopay adds next, or none at all, is recorded and flagged; the KYC level still follows Mangopay', async () => {
  const sponsor = await reconciled({ Id: 'user_m_sp', CreationDate: 1, PersonType: 'NATURAL', UserCategory: 'SPONSOR', KYCLevel: 'REGULAR' });
  expect(sponsor.outcome).toMatchObject(E.right({ recordedEvents: 1 }));
  expect(sponsor.events[0]).toMatchObject({
    user: { personType: 'NATURAL', userCategory: { unrecognized: 'SPONSOR' } },
    kycLevel: 'REGULAR',
    anomalies: [{ path: 'user.userCategory', rule: 'KnownUserCategory' }],
  });
  expect(isKnownUser(sponsor.state) && missingForRegular(sponsor.state)).toBeNull();
  const absent = await reconciled({ Id: 'user_m_none', CreationDate: 1, PersonType: 'NATURAL', KYCLevel: 'LIGHT' });
  expect(absent.events[0]).toMatchObject({
    user: { userCategory: { unrecognized: 'NotSpecified' } },
    anomalies: [{ path: 'user.userCategory', rule: 'KnownUserCategory' }],
  });
});
