import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { AddKycPageRequest, CreateKycDocumentRequest, StartIdvSessionRequest, SubmitKycDocumentRequest } from '../../src/application/platform-commands/index.js';
import { HookQuery } from '../../src/application/webhooks/hook-query.js';
import { IdvSessionCommand, ObserveIdvSession, StartIdvSession } from '../../src/domain/idv-session/index.js';
import {
  AddKycPage,
  CreateKycDocument,
  KycDocumentCommand,
  ObserveKycDocument,
  SubmitKycDocument,
} from '../../src/domain/kyc-document/index.js';
import { decodeWith } from '../../src/domain/shared/invalid-input.js';
import { ErasePersonalData, ObserveUser, RecordIdvSessionStatus, RecordKycDocumentStatus, UserKycCommand } from '../../src/domain/user-kyc/index.js';
import {
  failOnUnhandledRejections,
  fuzzCaseTally,
  hostileJsonTextArbitrary,
  hostileValueArbitrary,
  hostileVariantsOf,
  markersIn,
  searchableText,
} from '../../src/testing/fuzz/index.js';
import { pageFile } from '../support/page-files.js';

failOnUnhandledRejections();
const tally = fuzzCaseTally('domain and application command codecs');

type Sample = Readonly<Record<string, unknown>>;

const NOW = 1_700_000_000;
const natural = { personType: 'NATURAL', userCategory: 'OWNER' };
const createDocument: Sample = { type: 'CreateKycDocument', documentId: 'doc_1', userId: 'user_1', documentType: 'IDENTITY_PROOF', creationDate: NOW, tag: 'mine' };
const addPage: Sample = { type: 'AddKycPage', documentId: 'doc_1', userId: 'user_1', file: pageFile('PNG', 1100) };
const submit: Sample = { type: 'SubmitKycDocument', documentId: 'doc_1', userId: 'user_1', tag: 'again' };
const observeDocument: Sample = {
  type: 'ObserveKycDocument',
  documentId: 'doc_1',
  userId: 'user_1',
  documentType: 'IDENTITY_PROOF',
  creationDate: NOW,
  status: 'REFUSED',
  refusedReasonType: 'DOCUMENT_UNREADABLE',
  refusedReasonMessage: 'blurred',
  processedDate: NOW,
};
const startSession: Sample = {
  type: 'StartIdvSession',
  sessionId: 'idv_1',
  userId: 'user_1',
  user: natural,
  returnUrl: 'https://platform.example/back',
  hostedUrl: 'https://idv.example/s/1',
  creationDate: NOW,
  tag: 't',
};
const observeSession: Sample = {
  type: 'ObserveIdvSession',
  sessionId: 'idv_1',
  status: 'VALIDATED',
  checks: [{ checkId: 'chk_1', type: 'IDENTITY_DOCUMENT_VERIFICATION', status: 'VALIDATED', dataPoints: [{ type: 'FIRST_NAME', value: 'Ada' }] }],
};
const observeUser: Sample = { type: 'ObserveUser', userId: 'user_1', user: natural, kycLevel: 'LIGHT' };
const recordDocument: Sample = { type: 'RecordKycDocumentStatus', userId: 'user_1', documentId: 'doc_1', documentType: 'IDENTITY_PROOF', status: 'VALIDATED' };
const recordSession: Sample = { type: 'RecordIdvSessionStatus', userId: 'user_1', sessionId: 'idv_1', status: 'VALIDATED' };
const erase: Sample = {
  type: 'ErasePersonalData',
  userId: 'user_1',
  requestedAt: NOW,
  erasedBy: 'operator@example',
  reason: 'user asked',
  forced: false,
  retentionYears: 5,
  lastActivityAt: NOW - 1000,
};

/** Every codec through which commands enter the core, with valid samples to build near-misses from. */
const CODECS: ReadonlyArray<readonly [string, t.Mixed, ReadonlyArray<Sample>]> = [
  ['KycDocumentCommand', KycDocumentCommand, [createDocument, addPage, submit, observeDocument]],
  ['CreateKycDocument', CreateKycDocument, [createDocument]],
  ['AddKycPage', AddKycPage, [addPage]],
  ['SubmitKycDocument', SubmitKycDocument, [submit]],
  ['ObserveKycDocument', ObserveKycDocument, [observeDocument]],
  ['IdvSessionCommand', IdvSessionCommand, [startSession, observeSession]],
  ['StartIdvSession', StartIdvSession, [startSession]],
  ['ObserveIdvSession', ObserveIdvSession, [observeSession]],
  ['UserKycCommand', UserKycCommand, [observeUser, recordDocument, recordSession, erase]],
  ['ObserveUser', ObserveUser, [observeUser]],
  ['RecordKycDocumentStatus', RecordKycDocumentStatus, [recordDocument]],
  ['RecordIdvSessionStatus', RecordIdvSessionStatus, [recordSession]],
  ['ErasePersonalData', ErasePersonalData, [erase]],
  ['CreateKycDocumentRequest', CreateKycDocumentRequest, [{ commandId: 'cmd-1', userId: 'user_1', documentType: 'ADDRESS_PROOF', tag: 't' }]],
  ['AddKycPageRequest', AddKycPageRequest, [{ commandId: 'cmd-1', userId: 'user_1', documentId: 'doc_1', file: pageFile('PDF', 1100) }]],
  ['SubmitKycDocumentRequest', SubmitKycDocumentRequest, [{ commandId: 'cmd-1', userId: 'user_1', documentId: 'doc_1' }]],
  ['StartIdvSessionRequest', StartIdvSessionRequest, [{ commandId: 'cmd-1', userId: 'user_1', returnUrl: 'https://platform.example/back' }]],
  ['HookQuery', HookQuery, [{ EventType: 'KYC_SUCCEEDED', RessourceId: 'doc_1', Date: '1700000000' }]],
];

type Structural = t.Mixed & { readonly _tag?: string; readonly type?: Structural; readonly types?: ReadonlyArray<Structural>; readonly props?: t.Props };

/** The top-level fields a struct (or a union of structs) declares: the only keys a decoded value may have. */
const declaredFields = (codec: Structural): ReadonlySet<string> => {
  if (codec.props !== undefined) return new Set(Object.keys(codec.props));
  const inner = [...(codec.types ?? []), ...(codec.type === undefined ? [] : [codec.type])];
  return new Set(inner.flatMap((member) => [...declaredFields(member)]));
};

/** A fault names a place in the codec's own shape: field names and array indexes, never an input's key or value. */
const PATH = /^(\(root\)|[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*)$/;

/** Values a JSON body can really hold: hostile texts that parse, as parsed (own `__proto__` keys and all). */
const parsedHostileJson = hostileJsonTextArbitrary.chain((text) => {
  try {
    return fc.constant(JSON.parse(text) as unknown);
  } catch {
    return fc.constant(text as unknown);
  }
});

describe.each(CODECS)('%s on hostile input', (name, codec, samples) => {
  const fields = declaredFields(codec as Structural);
  const input = fc.oneof(
    { weight: 5, arbitrary: hostileVariantsOf(fc.constantFrom(...samples), { nonJson: true }) },
    { weight: 2, arbitrary: hostileValueArbitrary({ nonJson: true }) },
    { weight: 2, arbitrary: parsedHostileJson },
    { weight: 1, arbitrary: fc.constantFrom(...samples) },
  );

  it('answers the decoded command or INVALID_INPUT with paths: never a throw, never a marker in the error', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(input, (value) => {
        tally.count(name);
        const decoded = decodeWith(codec)(value);
        if (E.isRight(decoded)) {
          accepted++;
          expect(codec.is(decoded.right)).toBe(true);
          // Exact codecs drop what they do not declare: no `__proto__`, `constructor` or extra field survives.
          for (const key of Object.keys(decoded.right as object)) expect(fields.has(key)).toBe(true);
          expect(Object.getPrototypeOf(decoded.right)).toBe(Object.prototype);
          return;
        }
        refused++;
        const error = decoded.left;
        expect(error.type).toBe('INVALID_INPUT');
        expect(error.faults.length).toBeGreaterThan(0);
        for (const fault of error.faults) expect(fault.path).toMatch(PATH);
        expect(markersIn(searchableText(error))).toEqual([]);
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
