import { describe, expect, it } from 'vitest';
import type { AbsoluteUrl } from '../../application/ports/mangopay-api-views.js';
import type { MangopayConformanceContext } from './conformance-context.js';
import { freshKey, left, right } from './conformance-helpers.js';

const URL_A = 'https://platform.example/mangopay/hooks' as AbsoluteUrl;
const URL_B = 'https://platform.example/mangopay/hooks-v2' as AbsoluteUrl;

export const hookChecks = ({ subject }: MangopayConformanceContext): void => {
  describe('hooks', () => {
    it('creates, lists and updates hooks', async () => {
      const { api } = subject();
      const created = await right(api.createHook({ eventType: 'KYC_SUCCEEDED', url: URL_A }, freshKey()));
      expect(created).toMatchObject({ eventType: 'KYC_SUCCEEDED', url: URL_A, status: 'ENABLED' });
      await right(api.createHook({ eventType: 'IDENTITY_VERIFICATION_VALIDATED', url: URL_A }, freshKey()));
      const listed = await right(api.listHooks());
      expect(listed.totalItems).toBe(2);
      expect(listed.items.map((hook) => hook.eventType).sort()).toEqual(['IDENTITY_VERIFICATION_VALIDATED', 'KYC_SUCCEEDED']);
      const updated = await right(api.updateHook({ hookId: created.id, url: URL_B, status: 'DISABLED' }));
      expect(updated).toMatchObject({ id: created.id, url: URL_B, status: 'DISABLED' });
    });

    it('one hook per event type', async () => {
      const { api } = subject();
      await right(api.createHook({ eventType: 'KYC_FAILED', url: URL_A }, freshKey()));
      expect(await left(api.createHook({ eventType: 'KYC_FAILED', url: URL_B }, freshKey()))).toMatchObject({ type: 'MANGOPAY_REQUEST_REFUSED' });
    });
  });
};
