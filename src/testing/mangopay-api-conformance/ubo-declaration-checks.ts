import { describe, expect, it } from 'vitest';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { UserProfile } from '../../domain/shared/user-profile.js';
import type { MangopayConformanceContext } from './conformance-context.js';
import { left, right } from './conformance-helpers.js';

const BUSINESS_OWNER: UserProfile = { personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' };

/** Reading UBO declarations ("List UBO Declarations for a User", "View a UBO Declaration"): the port only reads them. */
export const uboDeclarationChecks = ({ subject }: MangopayConformanceContext): void => {
  describe('UBO declarations', () => {
    it('a legal user who declared nothing has an empty list', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser(BUSINESS_OWNER);
      expect(await right(api.listUserUboDeclarations(userId))).toEqual({ items: [], totalItems: 0, totalPages: 0 });
    });

    it('a submitted declaration: VALIDATION_ASKED, its UBOs counted, no reason, not processed; viewed by its id the same', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser(BUSINESS_OWNER);
      const declarationId = await provider.declareUbos(userId, 2, { status: 'VALIDATION_ASKED' });
      const listed = await right(api.listUserUboDeclarations(userId));
      expect(listed).toMatchObject({ totalItems: 1, totalPages: 1 });
      expect(listed.items[0]).toEqual({
        id: declarationId,
        userId,
        status: 'VALIDATION_ASKED',
        reason: null,
        creationDate: expect.any(Number),
        processedDate: null,
        uboCount: 2,
      });
      expect(await right(api.viewUboDeclaration(declarationId))).toEqual(listed.items[0]);
    });

    it('decided by Mangopay: VALIDATED, or REFUSED / INCOMPLETE with the reason; each with a ProcessedDate; oldest first', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'OWNER' });
      const refused = await provider.declareUbos(userId, 1, { status: 'REFUSED', reason: 'MISSING_UBO' });
      const incomplete = await provider.declareUbos(userId, 1, { status: 'INCOMPLETE', reason: 'DOCUMENTS_NEEDED' });
      expect(await right(api.viewUboDeclaration(refused))).toMatchObject({ status: 'REFUSED', reason: 'MISSING_UBO', processedDate: expect.any(Number) });
      expect(await right(api.viewUboDeclaration(incomplete))).toMatchObject({ status: 'INCOMPLETE', reason: 'DOCUMENTS_NEEDED' });
      const other = await provider.createUser(BUSINESS_OWNER);
      const validated = await provider.declareUbos(other, 1, { status: 'VALIDATED' });
      expect(await right(api.viewUboDeclaration(validated))).toMatchObject({ status: 'VALIDATED', reason: null, processedDate: expect.any(Number) });
      expect((await right(api.listUserUboDeclarations(userId))).items.map((declaration) => declaration.id)).toEqual([refused, incomplete]);
      expect((await right(api.listUserUboDeclarations(userId, { page: 2, perPage: 1 }))).items.map((declaration) => declaration.id)).toEqual([incomplete]);
    });

    it('an unknown declaration is RESOURCE_NOT_FOUND; an unknown user too; an id that cannot be one is refused before anything is sent', async () => {
      const { api } = subject();
      expect(await left(api.viewUboDeclaration('ubo_m_unknown' as MangopayId))).toMatchObject({ type: 'RESOURCE_NOT_FOUND', resource: 'ubo-declaration' });
      expect(await left(api.listUserUboDeclarations('user_l_unknown' as MangopayId))).toMatchObject({ type: 'RESOURCE_NOT_FOUND', resource: 'user' });
      expect(await left(api.viewUboDeclaration('../hooks' as MangopayId))).toMatchObject({ type: 'INVALID_INPUT' });
    });
  });
};
