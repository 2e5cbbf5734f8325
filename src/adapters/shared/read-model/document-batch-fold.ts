import type { DocumentSummary } from '../../../application/ports/kyc-read-model.js';
import type { DocumentPatch, ReadModelChange } from '../../../application/ports/read-model-change.js';

type DocumentChange = Extract<ReadModelChange, { readonly kind: 'document-created' | 'document-changed' }>;

/**
 * A batch's changes to one document, folded so that the SQL adapters write its row once per batch (issue 18: the
 * rebuild ran one statement per event). The fold is what the changes do in order to a row that is absent (a
 * creation) or older than the first change (a patch); a row in any other state (a batch delivered again) is the
 * adapter's to catch, by the statement not touching it, and `changes` are then executed one by one as before.
 */
export type FoldedDocument =
  | { readonly kind: 'insert'; readonly document: DocumentSummary; readonly version: number; readonly changes: ReadonlyArray<DocumentChange> }
  | {
      readonly kind: 'patch';
      readonly documentId: string;
      /** The row moves only if its version is lower than this one (what the first change's guard asks). */
      readonly firstVersion: number;
      readonly version: number;
      readonly patch: DocumentPatch;
      readonly changes: ReadonlyArray<DocumentChange>;
    }
  /** Changes the fold cannot compose (out of order): executed one by one. */
  | { readonly kind: 'in-order'; readonly changes: ReadonlyArray<DocumentChange> };

export interface FoldedBatch {
  readonly documents: ReadonlyArray<FoldedDocument>;
  /** Every change that is not a document's, in the batch's order. */
  readonly others: ReadonlyArray<Exclude<ReadModelChange, DocumentChange>>;
}

/** `later` after `earlier`, as one patch: what both do to a row, in that order. */
export const composePatches = (earlier: DocumentPatch, later: DocumentPatch): DocumentPatch => {
  const status = later.status ?? earlier.status;
  const tag = later.tag ?? earlier.tag;
  const processedDate = later.processedDate !== undefined ? later.processedDate : earlier.processedDate;
  const refusedReasonType = later.refusedReasonType !== undefined ? later.refusedReasonType : earlier.refusedReasonType;
  const addedPages = (earlier.addedPages ?? 0) + (later.addedPages ?? 0);
  const diverged = later.diverged ?? earlier.diverged;
  const flags = later.flags ?? earlier.flags;
  return {
    ...(status === undefined ? {} : { status }),
    ...(tag === undefined ? {} : { tag }),
    ...(processedDate === undefined ? {} : { processedDate }),
    ...(refusedReasonType === undefined ? {} : { refusedReasonType }),
    ...(addedPages === 0 ? {} : { addedPages }),
    ...(diverged === undefined ? {} : { diverged }),
    ...(flags === undefined ? {} : { flags }),
  };
};

/** A patch applied to a document's summary, as the adapters' UPDATE applies it to a row. */
export const patchedDocument = (document: DocumentSummary, patch: DocumentPatch): DocumentSummary => ({
  ...document,
  status: patch.status ?? document.status,
  tag: patch.tag ?? document.tag,
  processedDate: patch.processedDate !== undefined ? patch.processedDate : document.processedDate,
  refusedReasonType: patch.refusedReasonType !== undefined ? patch.refusedReasonType : document.refusedReasonType,
  pageCount: document.pageCount + (patch.addedPages ?? 0),
  diverged: patch.diverged ?? document.diverged,
  flags: patch.flags ?? document.flags,
});

const isDocumentChange = (change: ReadModelChange): change is DocumentChange => change.kind === 'document-created' || change.kind === 'document-changed';
const documentIdOf = (change: DocumentChange): string => (change.kind === 'document-created' ? change.document.documentId : change.documentId);

const foldOne = (changes: ReadonlyArray<DocumentChange>): FoldedDocument => {
  const [first, ...rest] = changes as [DocumentChange, ...DocumentChange[]];
  let version = first.version;
  let patch: DocumentPatch = first.kind === 'document-changed' ? first.patch : {};
  for (const change of rest) {
    // Each event makes one change to its own stream's row, versions rising: anything else is executed as it came.
    if (change.kind !== 'document-changed' || change.version <= version) return { kind: 'in-order', changes };
    patch = composePatches(patch, change.patch);
    version = change.version;
  }
  return first.kind === 'document-created'
    ? { kind: 'insert', document: patchedDocument(first.document, patch), version, changes }
    : { kind: 'patch', documentId: first.documentId, firstVersion: first.version, version, patch, changes };
};

/** Groups a batch's changes per document (in order of first appearance) and folds each group. */
export const foldDocumentChanges = (changes: ReadonlyArray<ReadModelChange>): FoldedBatch => {
  const perDocument = new Map<string, DocumentChange[]>();
  const others: Array<Exclude<ReadModelChange, DocumentChange>> = [];
  for (const change of changes) {
    if (!isDocumentChange(change)) {
      others.push(change);
      continue;
    }
    const id = documentIdOf(change);
    const group = perDocument.get(id);
    if (group === undefined) perDocument.set(id, [change]);
    else group.push(change);
  }
  return { documents: [...perDocument.values()].map(foldOne), others };
};
