import { describe, expect, it } from 'vitest';
import type { MangopayApi } from '../../application/ports/mangopay-api.js';
import type { MangopayId, RefusedReasonMessage, Tag } from '../../domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import type { MangopayConformanceContext, MangopayProvider } from './conformance-context.js';
import { freshKey, left, pngPage, right } from './conformance-helpers.js';

const submittedDocument = async (api: MangopayApi, provider: MangopayProvider, userId?: MangopayId) => {
  const owner = userId ?? (await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' }));
  const document = await right(api.createKycDocument({ userId: owner, type: 'IDENTITY_PROOF' }, freshKey()));
  await right(api.addKycPage({ userId: owner, documentId: document.id, file: pngPage() }, freshKey('page-1')));
  await right(api.submitKycDocument({ userId: owner, documentId: document.id }));
  return { userId: owner, documentId: document.id };
};

export const kycDocumentChecks = ({ subject }: MangopayConformanceContext): void => {
  describe('KYC documents', () => {
    it('creates a document: CREATED, with its type, tag and creation date', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const document = await right(api.createKycDocument({ userId, type: 'ADDRESS_PROOF', tag: 'custom meta' as Tag }, freshKey()));
      expect(document).toMatchObject({ userId, type: 'ADDRESS_PROOF', status: 'CREATED', tag: 'custom meta', processedDate: null, refusedReasonType: null });
      expect(await right(api.viewKycDocument(document.id))).toEqual(document);
    });

    // Mangopay answers 409 to any reuse of a key within 24 h ("Idempotency"); an adapter gives the first answer
    // back by reading GET responses/{IdempotencyKey} ("View an API Response").
    it('the same Idempotency-Key with the same request gives the same document; with another request, IDEMPOTENCY_KEY_REUSED', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const key = freshKey();
      const first = await right(api.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, key));
      const again = await right(api.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, key));
      expect(again.id).toBe(first.id);
      expect((await right(api.listUserKycDocuments(userId))).totalItems).toBe(1);
      expect(await left(api.createKycDocument({ userId, type: 'ADDRESS_PROOF' }, key))).toMatchObject({ type: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('pages, then submit: VALIDATION_ASKED; no page after that', async () => {
      const { api, provider } = subject();
      const { userId, documentId } = await submittedDocument(api, provider);
      expect(await right(api.viewKycDocument(documentId))).toMatchObject({ status: 'VALIDATION_ASKED' });
      expect(await left(api.addKycPage({ userId, documentId, file: pngPage() }, freshKey('page-2')))).toMatchObject({
        type: 'MANGOPAY_REQUEST_REFUSED',
        status: 400,
      });
    });

    it('a document without a page cannot be submitted', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const document = await right(api.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, freshKey()));
      const refused = await left(api.submitKycDocument({ userId, documentId: document.id }));
      expect(refused).toMatchObject({ type: 'MANGOPAY_REQUEST_REFUSED', status: 400 });
      expect(await right(api.viewKycDocument(document.id))).toMatchObject({ status: 'CREATED' });
    });

    it('a page that is not a document (no known format) is refused', async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const document = await right(api.createKycDocument({ userId, type: 'IDENTITY_PROOF' }, freshKey()));
      const notAnImage = Buffer.alloc(40 * 1024, 0x41).toString('base64');
      expect(await left(api.addKycPage({ userId, documentId: document.id, file: notAnImage }, freshKey('page')))).toMatchObject({
        type: 'MANGOPAY_REQUEST_REFUSED',
      });
    });

    it('validated: VALIDATED with a ProcessedDate, and the natural user becomes REGULAR', async () => {
      const { api, provider } = subject();
      const { userId, documentId } = await submittedDocument(api, provider);
      await provider.settleDocument(documentId, { status: 'VALIDATED' });
      const validated = await right(api.viewKycDocument(documentId));
      expect(validated.status).toBe('VALIDATED');
      expect(validated.processedDate).toEqual(expect.any(Number));
      expect(await right(api.viewUser(userId))).toMatchObject({ kycLevel: 'REGULAR' });
      await provider.settleDocument(documentId, { status: 'OUT_OF_DATE' });
      expect(await right(api.viewKycDocument(documentId))).toMatchObject({ status: 'OUT_OF_DATE' });
      expect(await right(api.viewUser(userId))).toMatchObject({ kycLevel: 'LIGHT' });
    });

    it('refused: REFUSED with the reason type and message', async () => {
      const { api, provider } = subject();
      const { documentId } = await submittedDocument(api, provider);
      await provider.settleDocument(documentId, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'Too blurry' as RefusedReasonMessage });
      expect(await right(api.viewKycDocument(documentId))).toMatchObject({
        status: 'REFUSED',
        refusedReasonType: 'DOCUMENT_UNREADABLE',
        refusedReasonMessage: 'Too blurry',
      });
    });

    it("lists a user's documents with the seed's filters: Status, BeforeDate/AfterDate (strict), Sort, paging totals", async () => {
      const { api, provider } = subject();
      const userId = await provider.createUser({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' });
      const other = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const created = [];
      for (const type of ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'] as const) {
        created.push(await right(api.createKycDocument({ userId, type }, freshKey())));
      }
      await right(api.createKycDocument({ userId: other, type: 'IDENTITY_PROOF' }, freshKey()));
      const { documentId } = await submittedDocument(api, provider, userId);

      const all = await right(api.listUserKycDocuments(userId, { perPage: 100 }));
      expect(all.totalItems).toBe(4);
      expect(new Set(all.items.map((d) => d.userId))).toEqual(new Set([userId]));

      const asked = await right(api.listUserKycDocuments(userId, { status: ['VALIDATION_ASKED'] }));
      expect(asked.items.map((d) => d.id)).toEqual([documentId]);
      const createdOnes = await right(api.listUserKycDocuments(userId, { status: ['CREATED', 'VALIDATION_ASKED'] }));
      expect(createdOnes.totalItems).toBe(4);

      const paged = await right(api.listUserKycDocuments(userId, { perPage: 3, page: 2 }));
      expect(paged).toMatchObject({ totalItems: 4, totalPages: 2 });
      expect(paged.items).toHaveLength(1);

      const descending = await right(api.listUserKycDocuments(userId, { sort: 'CreationDate:DESC', perPage: 100 }));
      const dates = descending.items.map((d) => d.creationDate);
      expect(dates).toEqual([...dates].sort((a, b) => b - a));

      const date = (created[0] as { creationDate: number }).creationDate;
      const before = await right(api.listUserKycDocuments(userId, { beforeDate: date as UnixTimestamp }));
      expect(before.items.every((d) => d.creationDate < date)).toBe(true);
      const after = await right(api.listUserKycDocuments(userId, { afterDate: (date - 1) as UnixTimestamp, perPage: 100 }));
      expect(after.totalItems).toBe(4);
    });

    it("lists everyone's documents, filtered by Type", async () => {
      const { api, provider } = subject();
      const first = await provider.createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
      const second = await provider.createUser({ personType: 'NATURAL', userCategory: 'PAYER' });
      await right(api.createKycDocument({ userId: first, type: 'IDENTITY_PROOF' }, freshKey()));
      await right(api.createKycDocument({ userId: second, type: 'IDENTITY_PROOF' }, freshKey()));
      await right(api.createKycDocument({ userId: second, type: 'ADDRESS_PROOF' }, freshKey()));
      const identity = await right(api.listKycDocuments({ type: ['IDENTITY_PROOF'], perPage: 100 }));
      expect(identity.items.map((d) => d.type)).toEqual(['IDENTITY_PROOF', 'IDENTITY_PROOF']);
      expect(new Set(identity.items.map((d) => d.userId))).toEqual(new Set([first, second]));
      expect((await right(api.listKycDocuments({ type: ['IDENTITY_PROOF', 'ADDRESS_PROOF'] }))).totalItems).toBe(3);
    });

    it('a query outside the seed (Per_Page above 100) is refused before anything is sent', async () => {
      const { api } = subject();
      expect(await left(api.listKycDocuments({ perPage: 101 }))).toMatchObject({ type: 'INVALID_INPUT' });
    });

    it('an unknown document is RESOURCE_NOT_FOUND', async () => {
      const { api } = subject();
      expect(await left(api.viewKycDocument('kycdoc_unknown' as MangopayId))).toMatchObject({ type: 'RESOURCE_NOT_FOUND' });
    });
  });
};
