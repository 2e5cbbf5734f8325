import type { KycDocumentEvent } from './kyc-document.events.js';
import { isCreated, type KycDocumentState, type KycPage } from './kyc-document.state.js';

/**
 * A KycDocument stream replayed in time linear in its length (issue 18): `evolveKycDocument` copies the pages
 * at every page added, so a document with many pages (seed 002's policy sets no limit) replayed in quadratic
 * time. Here the pages are copied once, the first time the replay adds one to an array it did not allocate,
 * and from then on pushed onto its own copy. Only states this replay made hold that copy, and none of them is
 * seen before it returns. Every other event goes through `evolveKycDocument` itself, which keeps the pages as
 * they are (it is given, not imported: the decider's module is where both meet).
 */
export const kycDocumentReplay =
  (evolveKycDocument: (state: KycDocumentState, event: KycDocumentEvent) => KycDocumentState) =>
  (state: KycDocumentState, events: Iterable<KycDocumentEvent>): KycDocumentState => {
    let current = state;
    let pages: KycPage[] | undefined;
    for (const event of events) {
      if (event.type !== 'KycPageAdded' || !isCreated(current)) {
        current = evolveKycDocument(current, event);
        continue;
      }
      if (current.pages !== pages) {
        pages = current.pages.slice();
        current = { ...current, pages };
      }
      pages.push({ pageNumber: event.pageNumber, sha256: event.sha256, sizeBytes: event.sizeBytes, format: event.format });
    }
    return current;
  };
