import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/application/ports/kyc-read-model.js';
import type { ReadModelChange } from '../../src/application/ports/read-model-change.js';
import { composePatches, foldDocumentChanges, patchedDocument } from '../../src/adapters/shared/read-model/document-batch-fold.js';

const document: DocumentSummary = {
  documentId: 'd1',
  userId: 'u1',
  type: 'IDENTITY_PROOF',
  status: 'CREATED',
  tag: null,
  creationDate: 1_700_000_000,
  processedDate: null,
  refusedReasonType: null,
  pageCount: 0,
  diverged: false,
  flags: [],
};
const created: ReadModelChange = { kind: 'document-created', version: 1, document };
const changed = (version: number, patch: Extract<ReadModelChange, { kind: 'document-changed' }>['patch'], documentId = 'd1'): ReadModelChange => ({
  kind: 'document-changed',
  documentId,
  version,
  patch,
});
const user: ReadModelChange = { kind: 'user-changed', userId: 'u1', version: 3, patch: { kycLevel: 'REGULAR' } };

describe("a batch's document changes folded into one write per document", () => {
  it('a creation and what follows it in the batch become one row at the last version, pages summed, last values kept', () => {
    const batch = [created, changed(2, { addedPages: 1 }), user, changed(3, { addedPages: 1, status: 'VALIDATION_ASKED' }), changed(4, { status: 'REFUSED', processedDate: 9, refusedReasonType: 'DOCUMENT_UNREADABLE' })];
    const folded = foldDocumentChanges(batch);
    expect(folded.others).toEqual([user]);
    expect(folded.documents).toEqual([
      {
        kind: 'insert',
        version: 4,
        document: { ...document, status: 'REFUSED', processedDate: 9, refusedReasonType: 'DOCUMENT_UNREADABLE', pageCount: 2 },
        changes: batch.filter((change) => change !== user),
      },
    ]);
  });

  it('changes without their creation become one patch guarded by the first version, one per document in order of first appearance', () => {
    const folded = foldDocumentChanges([changed(5, { addedPages: 1 }, 'd2'), changed(3, { diverged: true }), changed(6, { tag: 't' }, 'd2'), changed(4, { diverged: false })]);
    expect(folded.documents.map((each) => (each.kind === 'patch' ? [each.documentId, each.firstVersion, each.version, each.patch] : each.kind))).toEqual([
      ['d2', 5, 6, { addedPages: 1, tag: 't' }],
      ['d1', 3, 4, { diverged: false }],
    ]);
  });

  it('changes out of order (never made by the translation) are left to run one by one', () => {
    const batch = [changed(3, { addedPages: 1 }), changed(3, { addedPages: 1 })];
    expect(foldDocumentChanges(batch).documents).toEqual([{ kind: 'in-order', changes: batch }]);
    expect(foldDocumentChanges([changed(2, {}), created]).documents[0]?.kind).toBe('in-order');
  });

  it('a later patch overrides what it sets (a null processed date or reason included) and keeps the rest', () => {
    const earlier = { status: 'REFUSED', processedDate: 9, refusedReasonType: 'DOCUMENT_UNREADABLE', tag: 'a', diverged: true, addedPages: 2 } as const;
    expect(composePatches(earlier, { processedDate: null, refusedReasonType: null, addedPages: 1 })).toEqual({ ...earlier, processedDate: null, refusedReasonType: null, addedPages: 3 });
    expect(composePatches({}, {})).toEqual({});
    expect(patchedDocument({ ...document, processedDate: 5, tag: 'x' }, { processedDate: null })).toEqual({ ...document, processedDate: null, tag: 'x' });
  });

  it('carries Flags through a batch: the later revision wins, an absent one keeps the earlier', () => {
    expect(composePatches({ flags: ['DOCUMENT_UNREADABLE'] }, { status: 'REFUSED' })).toEqual({ status: 'REFUSED', flags: ['DOCUMENT_UNREADABLE'] });
    expect(composePatches({ flags: ['A'] }, { flags: ['B', 'C'] })).toEqual({ flags: ['B', 'C'] });
    expect(patchedDocument(document, { flags: ['A'] }).flags).toEqual(['A']);
  });
});
