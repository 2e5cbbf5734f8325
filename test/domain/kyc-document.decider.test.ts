import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  CreateKycDocument,
  CURRENT_MANGOPAY_PAGE_POLICY,
  kycDocumentDecider,
  kycDocumentEventSchema,
  SEED_PAGE_POLICY,
  type KycDocumentCommand,
  type KycDocumentEvent,
} from '../../src/domain/kyc-document/index.js';
import { decodeWith } from '../../src/domain/shared/invalid-input.js';
import type { MangopayId, RefusedReasonMessage, Tag } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { deciderSpec } from '../support/decider-spec.js';
import { pageBytes, pageFile } from '../support/page-files.js';

const KB = 1024;
const MB = 1024 * KB;
const documentId = '8494514' as MangopayId;
const userId = '8494500' as MangopayId;
const at = 1_700_000_000 as UnixTimestamp;

const created: KycDocumentEvent = {
  type: 'KycDocumentCreated',
  documentId,
  userId,
  documentType: 'IDENTITY_PROOF',
  creationDate: at,
};
const page = (pageNumber: number, file = pageFile('PNG', 40 * KB)): KycDocumentEvent => {
  const bytes = Buffer.from(file, 'base64');
  return {
    type: 'KycPageAdded',
    documentId,
    pageNumber,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    format: 'PNG',
  };
};
const submitted: KycDocumentEvent = { type: 'KycDocumentSubmitted', documentId, source: 'platform' };
const validated: KycDocumentEvent = { type: 'KycDocumentValidated', documentId, source: 'mangopay', processedDate: at };
const refused: KycDocumentEvent = {
  type: 'KycDocumentRefused',
  documentId,
  source: 'mangopay',
  refusedReasonType: 'DOCUMENT_UNREADABLE',
  refusedReasonMessage: 'The document was not readable' as RefusedReasonMessage,
  processedDate: at,
};
const outOfDate: KycDocumentEvent = { type: 'KycDocumentOutOfDate', documentId, source: 'mangopay' };

const addPage = (file: string): KycDocumentCommand => ({ type: 'AddKycPage', documentId, userId, file });
const submit: KycDocumentCommand = { type: 'SubmitKycDocument', documentId, userId };
/** Mangopay's view of the document, as a re-fetch shows it. */
const observe = (status: (KycDocumentCommand & { type: 'ObserveKycDocument' })['status'], extra = {}): KycDocumentCommand => ({
  type: 'ObserveKycDocument',
  documentId,
  userId,
  documentType: 'IDENTITY_PROOF',
  creationDate: at,
  status,
  ...extra,
});

const seed = deciderSpec(kycDocumentDecider(SEED_PAGE_POLICY));
const today = deciderSpec(kycDocumentDecider(CURRENT_MANGOPAY_PAGE_POLICY));

describe('KycDocument: creation (seed 002, "Create a KYC Document")', () => {
  const create: KycDocumentCommand = {
    type: 'CreateKycDocument',
    documentId,
    userId,
    documentType: 'IDENTITY_PROOF',
    creationDate: at,
  };

  it('records a created document with its type, user and CreationDate', () => {
    seed.thenEvents([], create, [created]);
    expect(seed.stateAfter([created])).toMatchObject({ status: 'CREATED', pages: [] });
  });

  it('keeps the Tag when one is given', () => {
    seed.thenEvents([], { ...create, tag: 'custom meta' as Tag }, [{ ...created, tag: 'custom meta' as Tag }]);
  });

  it('creates a document once: the same creation again records nothing, another document under the id is refused', () => {
    seed.thenEvents([created], create, []);
    seed.thenError([created], { ...create, userId: 'another-user' as MangopayId }, 'KYC_DOCUMENT_ALREADY_CREATED');
  });

  it('refuses a Tag over 255 characters, naming the field and never echoing it', () => {
    const marker = 'SECRET-MARKER-'.padEnd(256, 'x');
    const decoded = decodeWith(CreateKycDocument)({ ...create, tag: marker });
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({
      type: 'INVALID_INPUT',
      faults: [{ path: 'tag', rule: 'Tag' }],
    });
    expect(JSON.stringify(decoded)).not.toContain('SECRET-MARKER');
  });

  it('refuses a Tag no store could keep as given (a NUL character, a lone surrogate), never echoing it', () => {
    for (const tag of ['SECRET-MARKER\u0000', 'SECRET-MARKER\ud800', '\udc00SECRET-MARKER']) {
      const decoded = decodeWith(CreateKycDocument)({ ...create, tag });
      expect(E.isLeft(decoded) && decoded.left).toMatchObject({ type: 'INVALID_INPUT', faults: [{ path: 'tag', rule: 'Tag' }] });
      expect(JSON.stringify(decoded)).not.toContain('SECRET-MARKER');
    }
    expect(E.isRight(decodeWith(CreateKycDocument)({ ...create, tag: 'emoji \ud83d\ude00 ok' }))).toBe(true);
  });

  it('refuses a document type outside the seed', () => {
    const decoded = decodeWith(CreateKycDocument)({ ...create, documentType: 'PASSPORT' });
    expect(E.isLeft(decoded) && decoded.left.faults).toEqual([{ path: 'documentType', rule: 'KycDocumentType' }]);
  });
});

describe('KycDocument: pages (seed 002, "Create a KYC Page")', () => {
  it('records the page number, SHA-256, size and detected format, never the bytes', () => {
    const file = pageFile('PNG', 40 * KB, 0x5a);
    const decision = seed.when([created], addPage(file));
    expect(decision).toEqual(E.right([page(1, file)]));
    expect(JSON.stringify(decision)).not.toContain(file.slice(100, 164));
  });

  it('numbers pages in order: a document gets several pages', () => {
    seed.thenEvents([created, page(1), page(2)], addPage(pageFile('PNG', 40 * KB)), [page(3)]);
  });

  it('accepts pdf, jpeg, png and gif under the seed, reading the format from the bytes', () => {
    for (const format of ['PDF', 'JPEG', 'PNG', 'GIF'] as const) {
      const decision = seed.when([created], addPage(pageFile(format, 2 * KB)));
      expect(E.isRight(decision) && decision.right[0]).toMatchObject({ type: 'KycPageAdded', format });
    }
  });

  it('refuses a file whose bytes are no accepted format, whatever it claims to be', () => {
    const error = seed.thenError([created], addPage(pageFile('UNKNOWN', 2 * KB)), 'PAGE_FORMAT_NOT_ACCEPTED');
    expect(error).toMatchObject({ detected: 'UNKNOWN' });
  });

  it('refuses a data: URI prefix with its own error', () => {
    seed.thenError([created], addPage(`data:image/png;base64,${pageFile('PNG', 2 * KB)}`), 'PAGE_DATA_URI_PREFIX');
  });

  it('refuses text that is not plain base64', () => {
    seed.thenError([created], addPage('not base64 at all!'), 'PAGE_INVALID_BASE64');
    seed.thenError([created], addPage(`${pageFile('PNG', 2 * KB)}\n`), 'PAGE_INVALID_BASE64');
    seed.thenError([created], addPage(''), 'PAGE_INVALID_BASE64');
  });

  it('refuses a page under 1 KB and accepts exactly 1 KB', () => {
    seed.thenError([created], addPage(pageFile('PNG', KB - 1)), 'PAGE_TOO_SMALL');
    expect(E.isRight(seed.when([created], addPage(pageFile('PNG', KB))))).toBe(true);
  });

  it('refuses a page over 7 MB and accepts exactly 7 MB', () => {
    seed.thenError([created], addPage(pageFile('PDF', 7 * MB + 1)), 'PAGE_TOO_LARGE');
    expect(E.isRight(seed.when([created], addPage(pageFile('PDF', 7 * MB))))).toBe(true);
  });

  it('refuses base64 text over 10 MB before decoding it', () => {
    seed.thenError([created], addPage('A'.repeat(10 * MB + 4)), 'PAGE_TOO_LARGE');
  });

  it('adds pages only while the document is CREATED', () => {
    for (const history of [[created, page(1), submitted], [created, page(1), submitted, validated], [created, page(1), submitted, refused]]) {
      seed.thenError(history, addPage(pageFile('PNG', 2 * KB)), 'PAGES_ONLY_WHILE_CREATED');
    }
  });

  it('refuses a page for a document that does not exist, or another document', () => {
    seed.thenError([], addPage(pageFile('PNG', 2 * KB)), 'KYC_DOCUMENT_NOT_FOUND');
    seed.thenError([created], { type: 'AddKycPage', documentId: 'other' as MangopayId, userId, file: pageFile('PNG', 2 * KB) }, 'KYC_DOCUMENT_ID_MISMATCH');
  });

  it("refuses a page or a submission naming another user than the document's, as not found (seed 002's paths name the user)", () => {
    const stranger = 'someone-else' as MangopayId;
    seed.thenError([created], { type: 'AddKycPage', documentId, userId: stranger, file: pageFile('PNG', 2 * KB) }, 'KYC_DOCUMENT_NOT_FOUND');
    seed.thenError([created, page(1)], { type: 'SubmitKycDocument', documentId, userId: stranger }, 'KYC_DOCUMENT_NOT_FOUND');
  });
});

describe('KycDocument: the platform and Mangopay racing on one document', () => {
  it("a creation whose KYC_CREATED hook was recorded first has nothing left to record; another document under the id conflicts", () => {
    const create: KycDocumentCommand = { type: 'CreateKycDocument', documentId, userId, documentType: 'IDENTITY_PROOF', creationDate: at };
    seed.thenEvents([created], create, []);
    seed.thenError([created], { ...create, userId: 'someone-else' as MangopayId }, 'KYC_DOCUMENT_ALREADY_CREATED');
    seed.thenError([created], { ...create, documentType: 'ADDRESS_PROOF' }, 'KYC_DOCUMENT_ALREADY_CREATED');
  });

  it('a submission Mangopay already shows (its hook came first, or its answer was lost) has nothing left to record', () => {
    const seenAtMangopay: KycDocumentEvent = { type: 'KycDocumentSubmitted', documentId, source: 'mangopay' };
    seed.thenEvents([created, page(1), seenAtMangopay], submit, []);
    seed.thenEvents([created, page(1), seenAtMangopay, validated], submit, []);
    // The platform's own submission was recorded: a second one is refused.
    seed.thenError([created, page(1), submitted], submit, 'SUBMIT_ONLY_WHILE_CREATED');
  });

  it('an observation of a document this core has not recorded yet records it as Mangopay shows it, then the steps to its status', () => {
    seed.thenEvents([], observe('CREATED', { tag: 'custom meta' as Tag }), [{ ...created, tag: 'custom meta' as Tag }]);
    seed.thenEvents([], observe('VALIDATED', { processedDate: at }), [
      created,
      { type: 'KycDocumentSubmitted', documentId, source: 'inferred' },
      { type: 'KycDocumentValidated', documentId, source: 'mangopay', processedDate: at },
    ]);
  });
});

describe("KycDocument: every step carries what Mangopay's view shows", () => {
  it('a VALIDATED step missed before OUT_OF_DATE still gets the ProcessedDate of the view (it was lost before)', () => {
    // The direct downgrade path VALIDATION_ASKED → OUT_OF_DATE is the shortest: the date goes on that step.
    seed.thenEvents([created, page(1), submitted], observe('OUT_OF_DATE', { processedDate: at }), [
      { type: 'KycDocumentOutOfDate', documentId, source: 'mangopay', processedDate: at },
    ]);
    seed.thenEvents([created], observe('OUT_OF_DATE', { processedDate: at }), [
      { type: 'KycDocumentSubmitted', documentId, source: 'inferred' },
      { type: 'KycDocumentOutOfDate', documentId, source: 'mangopay', processedDate: at },
    ]);
  });

  it('an inferred validation carries the ProcessedDate too', () => {
    const observed = kycDocumentDecider(SEED_PAGE_POLICY);
    const state = [created, page(1)].reduce(observed.evolve, observed.initialState);
    const decided = observed.decide(observe('VALIDATED', { processedDate: at }), state);
    expect(decided).toEqual(
      E.right([
        { type: 'KycDocumentSubmitted', documentId, source: 'inferred' },
        { type: 'KycDocumentValidated', documentId, source: 'mangopay', processedDate: at },
      ]),
    );
    const after = [created, page(1), submitted, { type: 'KycDocumentOutOfDate', documentId, source: 'mangopay', processedDate: at } as KycDocumentEvent].reduce(
      observed.evolve,
      observed.initialState,
    );
    expect(after).toMatchObject({ status: 'OUT_OF_DATE', processedDate: at });
  });
});

describe("KycDocument: today's Mangopay page rules", () => {
  it('refuses gif', () => {
    today.thenError([created], addPage(pageFile('GIF', 40 * KB)), 'PAGE_FORMAT_NOT_ACCEPTED');
  });

  it('needs at least 32 KB for an IDENTITY_PROOF page, but not for other types', () => {
    today.thenError([created], addPage(pageFile('PNG', 32 * KB - 1)), 'PAGE_TOO_SMALL');
    const address = { ...created, documentType: 'ADDRESS_PROOF' } as KycDocumentEvent;
    expect(E.isRight(today.when([address], addPage(pageFile('PNG', 2 * KB))))).toBe(true);
  });

  it('allows at most 5 pages', () => {
    const five = [created, page(1), page(2), page(3), page(4), page(5)];
    today.thenError(five, addPage(pageFile('PNG', 40 * KB)), 'TOO_MANY_PAGES');
    expect(E.isRight(seed.when(five, addPage(pageFile('PNG', 40 * KB))))).toBe(true);
  });
});

describe('KycDocument: submission (seed 002, "Submit a KYC Document")', () => {
  it('moves a CREATED document with a page to VALIDATION_ASKED', () => {
    seed.thenEvents([created, page(1)], submit, [submitted]);
    expect(seed.stateAfter([created, page(1), submitted]).status).toBe('VALIDATION_ASKED');
  });

  it('can change the Tag on submission', () => {
    seed.thenEvents([created, page(1)], { ...submit, tag: 'new' as Tag }, [{ ...submitted, tag: 'new' as Tag }]);
    expect(seed.stateAfter([created, page(1), { ...submitted, tag: 'new' as Tag }])).toMatchObject({ tag: 'new' });
  });

  it('needs at least one page', () => {
    seed.thenError([created], submit, 'SUBMIT_NEEDS_A_PAGE');
  });

  it('submits only a CREATED document', () => {
    seed.thenError([created, page(1), submitted], submit, 'SUBMIT_ONLY_WHILE_CREATED');
    seed.thenError([created, page(1), submitted, refused], submit, 'SUBMIT_ONLY_WHILE_CREATED');
  });
});

describe("KycDocument: Mangopay's outcome, observed", () => {
  const asked = [created, page(1), submitted];

  it('VALIDATION_ASKED → VALIDATED with its ProcessedDate', () => {
    seed.thenEvents(asked, observe('VALIDATED', { processedDate: at }), [validated]);
    expect(seed.stateAfter([...asked, validated])).toMatchObject({ status: 'VALIDATED', processedDate: at });
  });

  it('VALIDATION_ASKED → REFUSED with its reason type, message and ProcessedDate', () => {
    seed.thenEvents(
      asked,
      observe('REFUSED', { refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'The document was not readable', processedDate: at }),
      [refused],
    );
    expect(seed.stateAfter([...asked, refused])).toMatchObject({
      status: 'REFUSED',
      refusedReasonType: 'DOCUMENT_UNREADABLE',
      processedDate: at,
    });
  });

  it('REFUSAL_WITHOUT_REASON_OR_DATE: a refusal without its reason type or ProcessedDate is still recorded (Mangopay decided it), with the anomaly', () => {
    seed.thenEvents(asked, observe('REFUSED', { processedDate: at }), [
      { type: 'KycDocumentRefused', documentId, source: 'mangopay', processedDate: at, anomalies: [{ path: 'refusedReasonType', rule: 'RefusalNeedsReasonType' }] },
    ]);
    seed.thenEvents(asked, observe('REFUSED', { refusedReasonType: 'DOCUMENT_MISSING' }), [
      { type: 'KycDocumentRefused', documentId, source: 'mangopay', refusedReasonType: 'DOCUMENT_MISSING', anomalies: [{ path: 'processedDate', rule: 'ProcessedDateRequired' }] },
    ]);
    const bare: KycDocumentEvent = {
      type: 'KycDocumentRefused',
      documentId,
      source: 'mangopay',
      anomalies: [
        { path: 'refusedReasonType', rule: 'RefusalNeedsReasonType' },
        { path: 'processedDate', rule: 'ProcessedDateRequired' },
      ],
    };
    seed.thenEvents(asked, observe('REFUSED'), [bare]);
    expect(seed.stateAfter([...asked, bare])).toMatchObject({ status: 'REFUSED', anomalies: bare.anomalies });
  });

  it('a KycDocumentRefused event recorded before the anomalies field still decodes', () => {
    const old = { type: 'KycDocumentRefused', documentId, source: 'mangopay', refusedReasonType: 'DOCUMENT_MISSING', processedDate: at };
    expect(kycDocumentEventSchema.decode({ type: 'KycDocumentRefused', schemaVersion: 1, data: old })).toEqual(E.right(old));
  });

  it('a refusal reason Mangopay added since the seed is kept verbatim and flagged', () => {
    const decision = seed.when(asked, observe('REFUSED', { refusedReasonType: { unrecognized: 'DOCUMENT_BLURRY' }, processedDate: at }));
    expect(E.isRight(decision) && decision.right[0]).toMatchObject({ refusedReasonType: { unrecognized: 'DOCUMENT_BLURRY' } });
  });

  it('VALIDATED → OUT_OF_DATE, and VALIDATION_ASKED → OUT_OF_DATE (downgrade)', () => {
    seed.thenEvents([...asked, validated], observe('OUT_OF_DATE'), [outOfDate]);
    seed.thenEvents(asked, observe('OUT_OF_DATE'), [outOfDate]);
  });

  it('records the steps Mangopay must have taken, marked as inferred', () => {
    seed.thenEvents([created, page(1)], observe('VALIDATED', { processedDate: at }), [
      { type: 'KycDocumentSubmitted', documentId, source: 'inferred' },
      validated,
    ]);
  });

  it('a duplicated or stale observation records nothing', () => {
    seed.thenEvents([...asked, validated], observe('VALIDATED', { processedDate: at }), []);
    seed.thenEvents([...asked, validated], observe('VALIDATION_ASKED'), []);
    seed.thenEvents([...asked, validated, outOfDate], observe('VALIDATED', { processedDate: at }), []);
  });

  it('REFUSED and OUT_OF_DATE are final: a contrary observation is a divergence, recorded once, and the state is kept', () => {
    const diverged: KycDocumentEvent = {
      type: 'KycDocumentStatusDiverged',
      documentId,
      localStatus: 'REFUSED',
      observedStatus: 'VALIDATED',
    };
    seed.thenEvents([...asked, refused], observe('VALIDATED', { processedDate: at }), [diverged]);
    expect(seed.stateAfter([...asked, refused, diverged]).status).toBe('REFUSED');
    seed.thenEvents([...asked, refused, diverged], observe('VALIDATED', { processedDate: at }), []);
    seed.thenEvents([...asked, outOfDate], observe('REFUSED', { refusedReasonType: 'DOCUMENT_MISSING', processedDate: at }), [
      { type: 'KycDocumentStatusDiverged', documentId, localStatus: 'OUT_OF_DATE', observedStatus: 'REFUSED' },
    ]);
  });

  it('a status Mangopay added since the seed is recorded verbatim as a divergence, never dropped', () => {
    seed.thenEvents(asked, observe({ unrecognized: 'ON_HOLD' }), [
      { type: 'KycDocumentStatusDiverged', documentId, localStatus: 'VALIDATION_ASKED', observedStatus: { unrecognized: 'ON_HOLD' } },
    ]);
  });

  it('an observation of a document never recorded here records it (its hook came first, or it was created elsewhere)', () => {
    const decided = seed.when([], observe('VALIDATED', { processedDate: at }));
    expect(E.isRight(decided) && decided.right.map((event) => event.type)).toEqual(['KycDocumentCreated', 'KycDocumentSubmitted', 'KycDocumentValidated']);
  });
});

describe('KycDocument: the page fingerprint', () => {
  it('is the SHA-256 of the decoded bytes', () => {
    const bytes = pageBytes('JPEG', 3 * KB, 0x11);
    const decision = seed.when([created], addPage(bytes.toString('base64')));
    expect(E.isRight(decision) && decision.right[0]).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: 3 * KB,
    });
  });
});

// Before, an observation with the same status and other Flags recorded nothing: a revised refusal's codes were lost.
describe('KycDocument: Flags revised on an unchanged status (KYC Document object `Flags`)', () => {
  const refusedWithFlags: KycDocumentEvent = { ...refused, flags: ['009004'] } as KycDocumentEvent;
  const history = [created, page(1), submitted, refusedWithFlags];

  it('records the new Flags with the status kept; the same Flags again record nothing', () => {
    const decided = seed.when(history, observe('REFUSED', { refusedReasonType: 'DOCUMENT_UNREADABLE', processedDate: at, flags: ['009004', '009011'] }));
    expect(decided).toEqual(E.right([{ type: 'KycDocumentFlagsChanged', documentId, flags: ['009004', '009011'] }]));
    const after = seed.stateAfter([...history, ...(E.isRight(decided) ? decided.right : [])]);
    expect(after).toMatchObject({ status: 'REFUSED', flags: ['009004', '009011'], refusedReasonType: 'DOCUMENT_UNREADABLE' });
    const again = [...history, { type: 'KycDocumentFlagsChanged', documentId, flags: ['009004', '009011'] } as KycDocumentEvent];
    expect(seed.when(again, observe('REFUSED', { flags: ['009004', '009011'] }))).toEqual(E.right([]));
  });

  it('records Flags cleared, and Flags appearing on a validated document', () => {
    expect(seed.when(history, observe('REFUSED', { flags: [] }))).toEqual(E.right([{ type: 'KycDocumentFlagsChanged', documentId, flags: [] }]));
    expect(seed.when([created, page(1), submitted, validated], observe('VALIDATED', { flags: ['009012'] }))).toEqual(
      E.right([{ type: 'KycDocumentFlagsChanged', documentId, flags: ['009012'] }]),
    );
  });
});
