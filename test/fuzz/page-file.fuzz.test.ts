import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  analysePageFile,
  CURRENT_MANGOPAY_PAGE_POLICY,
  KYC_DOCUMENT_TYPES,
  KycDocumentCommand,
  kycDocumentDecider,
  PAGE_FORMATS,
  SEED_PAGE_POLICY,
  type KycDocumentEvent,
  type PagePolicy,
} from '../../src/domain/kyc-document/index.js';
import { fold } from '../../src/domain/shared/decider.js';
import { decodeWith } from '../../src/domain/shared/invalid-input.js';
import type { MangopayId, UnixTimestamp } from '../../src/domain/shared/index.js';
import {
  AWKWARD_CHARACTERS,
  failOnUnhandledRejections,
  fuzzCaseTally,
  hostileStringArbitrary,
  hostileValueArbitrary,
  markerArbitrary,
  markersIn,
  searchableText,
} from '../../src/testing/fuzz/index.js';
import { pageFile } from '../support/page-files.js';

failOnUnhandledRejections();
const tally = fuzzCaseTally('page files');

const PAGE_ERRORS = ['PAGE_DATA_URI_PREFIX', 'PAGE_INVALID_BASE64', 'PAGE_TOO_SMALL', 'PAGE_TOO_LARGE', 'PAGE_FORMAT_NOT_ACCEPTED'];

/** Small limits, so texts on both sides of every limit are cheap to generate (the real policies are run too). */
const SMALL_POLICY: PagePolicy = {
  name: 'fuzz (small limits)',
  acceptedFormats: ['PDF', 'PNG', 'JPEG'],
  minBytes: 16,
  minBytesByType: { IDENTITY_PROOF: 64 },
  maxBytes: 2048,
  maxBase64Length: 3072,
  maxPages: 3,
};
const policies = fc.constantFrom(SMALL_POLICY, SEED_PAGE_POLICY, CURRENT_MANGOPAY_PAGE_POLICY);
const documentTypes = fc.constantFrom(...KYC_DOCUMENT_TYPES);

/** A valid page file, then broken the way real uploads break: a prefix, a suffix, a character inside, a cut. */
const nearlyValidFile = fc
  .tuple(
    fc.constantFrom(...PAGE_FORMATS, 'UNKNOWN' as const),
    fc.integer({ min: 1, max: 3000 }),
    fc.constantFrom('none', 'prefix', 'suffix', 'inside', 'cut', 'marker'),
    fc.oneof(fc.constantFrom(...AWKWARD_CHARACTERS), fc.constantFrom(' ', '\n', '=', '-', '_', 'data:', 'DATA:image/png;base64,')),
    markerArbitrary,
    fc.nat(),
  )
  .map(([format, size, how, piece, marker, at]) => {
    const file = pageFile(format, size);
    const i = at % file.length;
    switch (how) {
      case 'none':
        return file;
      case 'prefix':
        return piece + file;
      case 'suffix':
        return file + piece;
      case 'inside':
        return file.slice(0, i) + piece + file.slice(i);
      case 'cut':
        return file.slice(0, i);
      default:
        return `${file.slice(0, i)}${marker}${file.slice(i)}`;
    }
  });

/** Base64 of the right alphabet with padding in odd places, and texts at and around the small policy's limits. */
const base64Shaped = fc.oneof(
  fc.base64String({ maxLength: 400 }),
  fc.stringMatching(/^[A-Za-z0-9+/=]{0,64}$/),
  fc.integer({ min: SMALL_POLICY.maxBase64Length - 8, max: SMALL_POLICY.maxBase64Length + 8 }).map((n) => 'JVBE'.repeat(Math.ceil(n / 4)).slice(0, n)),
);

const anyText = fc.oneof(
  { weight: 3, arbitrary: nearlyValidFile },
  { weight: 2, arbitrary: base64Shaped },
  { weight: 2, arbitrary: hostileStringArbitrary },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** The error or facts never carry the text: at most its planted markers, and never a long stretch of it. */
const expectNoEcho = (input: string, answer: unknown): void => {
  const text = searchableText(answer);
  expect(markersIn(text)).toEqual([]);
  if (input.length >= 24) expect(text.includes(input)).toBe(false);
};

describe('analysePageFile on any text', () => {
  it('answers a typed page error or page facts, never throws, never echoes the text', () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(anyText, policies, documentTypes, (file, policy, documentType) => {
        tally.count('analysePageFile');
        const answer = analysePageFile(file, policy, documentType);
        outcomes.add(E.isLeft(answer) ? answer.left.type : 'facts');
        if (E.isLeft(answer)) {
          expect(PAGE_ERRORS).toContain(answer.left.type);
          expect(typeof answer.left.message).toBe('string');
        } else {
          expect(answer.right.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(Number.isSafeInteger(answer.right.sizeBytes)).toBe(true);
          expect(answer.right.sizeBytes).toBeLessThanOrEqual(policy.maxBytes);
          expect(policy.acceptedFormats).toContain(answer.right.format);
        }
        expectNoEcho(file, answer);
      }),
      { numRuns: 3000 },
    );
    // The inputs reach every answer, so each branch was really exercised.
    expect([...outcomes].sort()).toEqual([...PAGE_ERRORS, 'facts'].sort());
  });

  it('whatever is cut from a valid file, the answer is still typed (every cut position of one file)', () => {
    const file = pageFile('PNG', 200);
    for (let end = 0; end <= file.length; end++) {
      tally.count('analysePageFile');
      const answer = analysePageFile(file.slice(0, end), SMALL_POLICY, 'ADDRESS_PROOF');
      if (E.isLeft(answer)) expect(PAGE_ERRORS).toContain(answer.left.type);
    }
  });
});

const DOCUMENT = 'doc_fuzz' as MangopayId;
const created: KycDocumentEvent = {
  type: 'KycDocumentCreated',
  documentId: DOCUMENT,
  userId: 'user_fuzz' as MangopayId,
  documentType: 'ADDRESS_PROOF',
  creationDate: 1_700_000_000 as UnixTimestamp,
};
const aPage = (pageNumber: number): KycDocumentEvent => ({
  type: 'KycPageAdded',
  documentId: DOCUMENT,
  pageNumber,
  sha256: '0'.repeat(64),
  sizeBytes: 2048,
  format: 'PNG',
});
/** Histories a page can be offered to: created (with 0 to 3 pages), submitted, refused. */
const histories: ReadonlyArray<ReadonlyArray<KycDocumentEvent>> = [
  [created],
  [created, aPage(1)],
  [created, aPage(1), aPage(2), aPage(3)],
  [created, aPage(1), { type: 'KycDocumentSubmitted', documentId: DOCUMENT, source: 'platform' }],
];

describe('the KycDocument decider, offered a page of any text', () => {
  it('decodes then decides: a typed error or one KycPageAdded holding only facts, never a throw or the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, hostileValueArbitrary()),
        fc.constantFrom(...histories),
        fc.constantFrom(SMALL_POLICY, CURRENT_MANGOPAY_PAGE_POLICY),
        (file, history, policy) => {
          tally.count('KycDocument decider (AddKycPage)');
          const decider = kycDocumentDecider(policy);
          const state = fold(decider.evolve, decider.initialState)(history);
          const command = decodeWith(KycDocumentCommand)({ type: 'AddKycPage', documentId: DOCUMENT, file });
          const decision = E.flatMap(command, (valid) => decider.decide(valid, state));
          if (E.isRight(decision)) {
            expect(decision.right).toHaveLength(1);
            expect(decision.right[0]).toMatchObject({ type: 'KycPageAdded', documentId: DOCUMENT, pageNumber: history.length });
          } else {
            expect([...PAGE_ERRORS, 'INVALID_INPUT', 'TOO_MANY_PAGES', 'PAGES_ONLY_WHILE_CREATED']).toContain(decision.left.type);
          }
          if (typeof file === 'string') expectNoEcho(file, decision);
          else expect(markersIn(searchableText(decision))).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
