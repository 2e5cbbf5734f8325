import { describe, expect, it } from 'vitest';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { MangopayConformanceContext } from './conformance-context.js';
import { freshKey, left, RETURN_URL, right } from './conformance-helpers.js';

export const idvSessionChecks = ({ subject }: MangopayConformanceContext): void => {
  describe('IDV sessions', () => {
    it('creates a session for a natural Owner: PENDING, a HostedUrl, the ReturnUrl, no checks yet', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const session = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, freshKey()));
      expect(session).toMatchObject({ userId, status: 'PENDING', returnUrl: RETURN_URL, checks: [] });
      expect(new URL(session.hostedUrl).protocol).toMatch(/^https?:$/);
      expect(await right(api.viewIdvSession(session.id))).toMatchObject({ id: session.id, status: 'PENDING' });
    });

    it('the same Idempotency-Key and request give the same session', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const key = freshKey();
      const first = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, key));
      expect((await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, key))).id).toBe(first.id);
      expect((await right(api.listUserIdvSessions(userId))).totalItems).toBe(1);
    });

    // Hosted IDV guide: "available for Natural, Legal Business, Legal Soletrader, Legal Organization; not for Legal Partnership".
    it('a Payer, or a Legal PARTNERSHIP, cannot have a session; a Legal ORGANIZATION Owner can', async () => {
      const { api, provider } = subject();
      const payer = await provider.createUser({ personType: 'NATURAL', userCategory: 'PAYER' });
      const partnership = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'OWNER' });
      const organization = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'OWNER' });
      expect(await left(api.createIdvSession({ userId: payer, returnUrl: RETURN_URL }, freshKey()))).toMatchObject({ type: 'MANGOPAY_REQUEST_REFUSED', status: 400 });
      expect(await left(api.createIdvSession({ userId: partnership, returnUrl: RETURN_URL }, freshKey()))).toMatchObject({
        type: 'MANGOPAY_REQUEST_REFUSED',
        status: 400,
      });
      expect(await right(api.createIdvSession({ userId: organization, returnUrl: RETURN_URL }, freshKey()))).toMatchObject({ userId: organization, status: 'PENDING' });
    });

    it('validated for a natural user: an IDENTITY_DOCUMENT_VERIFICATION check with the seed data points (today also IDV_NAME_MATCH_CHECK and IDV_AGE_CHECK), and the user becomes REGULAR', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const { id } = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, freshKey()));
      await provider.settleSession(id, { status: 'VALIDATED' });
      const session = await right(api.viewIdvSession(id));
      expect(session.status).toBe('VALIDATED');
      // "Natural users" (hosted IDV): Mangopay runs IDENTITY_DOCUMENT_VERIFICATION, IDV_NAME_MATCH_CHECK, IDV_AGE_CHECK; seed 000 names only the first.
      expect(session.checks.every((check) => check.status === 'VALIDATED')).toBe(true);
      const identity = session.checks.find((check) => check.type === 'IDENTITY_DOCUMENT_VERIFICATION');
      expect(identity?.data.map((point) => point.type)).toEqual(['FIRST_NAME', 'LAST_NAME', 'BIRTHDATE', 'NATIONALITY', 'RESIDENCY']);
      expect(await right(api.viewUser(userId))).toMatchObject({ kycLevel: 'REGULAR' });
      await provider.settleSession(id, { status: 'OUTDATED' });
      expect(await right(api.viewIdvSession(id))).toMatchObject({ status: 'OUTDATED' });
    });

    it('a legal Business gets business, legal representative and PSC checks; a refusal carries its reason', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' });
      const { id } = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, freshKey()));
      await provider.settleSession(id, { status: 'REJECTED', refusals: { PERSONS_SIGNIFICANT_CONTROL: { reason: 'PSC_NAME_FAIL' } } });
      const session = await right(api.viewIdvSession(id));
      expect(session.status).toBe('REJECTED');
      const byType = Object.fromEntries(session.checks.map((check) => [String(check.type), check]));
      expect(Object.keys(byType)).toEqual(expect.arrayContaining(['BUSINESS_VERIFICATION', 'IDENTITY_DOCUMENT_VERIFICATION', 'PERSONS_SIGNIFICANT_CONTROL']));
      expect(byType['PERSONS_SIGNIFICANT_CONTROL']).toMatchObject({ status: 'REFUSED', refusals: [{ reason: 'PSC_NAME_FAIL' }] });
      expect(byType['BUSINESS_VERIFICATION']?.data.map((point) => point.type)).toContain('COMPANY_NAME');
      expect(byType['IDENTITY_DOCUMENT_VERIFICATION']?.data.map((point) => point.type)).toContain('LEGAL_REPRESENTATIVE_FIRST_NAME');
    });

    it('a session left alone times out (TIMEOUT in the seed words), one in review can still be validated', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'SOLETRADER', userCategory: 'OWNER' });
      const timedOut = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, freshKey()));
      await provider.settleSession(timedOut.id, { status: 'TIMEOUT' });
      expect(await right(api.viewIdvSession(timedOut.id))).toMatchObject({ status: 'TIMEOUT' });
      const reviewed = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, freshKey()));
      await provider.settleSession(reviewed.id, { status: 'REVIEW' });
      expect(await right(api.viewIdvSession(reviewed.id))).toMatchObject({ status: 'REVIEW' });
      await provider.settleSession(reviewed.id, { status: 'VALIDATED' });
      expect(await right(api.viewIdvSession(reviewed.id))).toMatchObject({ status: 'VALIDATED' });
      const listed = await right(api.listUserIdvSessions(userId));
      expect(listed.items.map((session) => session.id).sort()).toEqual([timedOut.id, reviewed.id].sort());
    });

    it('an unknown session is RESOURCE_NOT_FOUND', async () => {
      const { api } = subject();
      expect(await left(api.viewIdvSession('idnver_unknown' as MangopayId))).toMatchObject({ type: 'RESOURCE_NOT_FOUND' });
    });
  });
};
