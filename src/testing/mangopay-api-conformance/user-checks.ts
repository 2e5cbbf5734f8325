import { describe, expect, it } from 'vitest';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { MangopayConformanceContext } from './conformance-context.js';
import { left, right } from './conformance-helpers.js';

export const userChecks = ({ subject }: MangopayConformanceContext): void => {
  describe('users', () => {
    it('views a natural user in the domain words: person type, category, KYC level LIGHT', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      expect(await right(api.viewUser(userId))).toMatchObject({ id: userId, personType: 'NATURAL', userCategory: 'OWNER', kycLevel: 'LIGHT' });
    });

    it('views a legal user with its LegalPersonType', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'SOLETRADER', userCategory: 'PAYER' });
      expect(await right(api.viewUser(userId))).toMatchObject({
        personType: 'LEGAL',
        legalPersonType: 'SOLETRADER',
        userCategory: 'PAYER',
        kycLevel: 'LIGHT',
      });
    });

    it('an unknown user is RESOURCE_NOT_FOUND', async () => {
      const { api } = subject();
      expect(await left(api.viewUser('user_m_unknown' as MangopayId))).toMatchObject({ type: 'RESOURCE_NOT_FOUND', resource: 'user' });
    });

    it('an id that cannot be a Mangopay id is refused before anything is sent', async () => {
      const { api } = subject();
      expect(await left(api.viewUser('../hooks' as MangopayId))).toMatchObject({ type: 'INVALID_INPUT' });
    });
  });
};
