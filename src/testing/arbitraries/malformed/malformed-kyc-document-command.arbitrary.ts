import fc from 'fast-check';
import { AddKycPage, CreateKycDocument, ObserveKycDocument, SubmitKycDocument } from '../../../domain/kyc-document/kyc-document.commands.js';
import { MAX_MANGOPAY_STRING } from '../../../domain/shared/bounded-string.js';
import { markedString, markerArbitrary } from '../identifiers.arbitrary.js';
import { createKycDocumentArbitrary, observeKycDocumentArbitrary, submitKycDocumentArbitrary, type KycDocumentTarget } from '../kyc-document-command.arbitrary.js';
import { breaking, type MalformedInput } from './malformed-input.js';

const overLong = fc.integer({ min: MAX_MANGOPAY_STRING + 1, max: MAX_MANGOPAY_STRING + 300 });

/** KycDocument commands with one field that breaks seed 002's shapes: Tag or message over 255, ids, types, dates, statuses. */
export const malformedKycDocumentCommandArbitrary = (target: KycDocumentTarget): fc.Arbitrary<MalformedInput> => {
  const create = createKycDocumentArbitrary(target);
  const observe = observeKycDocumentArbitrary(target, 0);
  return fc.oneof(
    fc.tuple(create, markerArbitrary, overLong).map(([c, m, n]) => breaking(CreateKycDocument, c, 'tag', markedString(m, n), m)),
    fc.tuple(submitKycDocumentArbitrary(target), markerArbitrary, overLong).map(([c, m, n]) => breaking(SubmitKycDocument, c, 'tag', markedString(m, n), m)),
    fc.tuple(create, markerArbitrary).map(([c, m]) => breaking(CreateKycDocument, c, 'documentType', m, m)),
    fc.tuple(create, markerArbitrary, fc.constantFrom('/', ' ', '?', '#', '%2F')).map(([c, m, bad]) => breaking(CreateKycDocument, c, 'userId', `${m}${bad}x`, m)),
    fc.tuple(create, markerArbitrary).map(([c, m]) => breaking(CreateKycDocument, c, 'documentId', `../${m}`, m)),
    fc.tuple(create, fc.constantFrom(1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '1700000000', null)).map(([c, date]) =>
      breaking(CreateKycDocument, c, 'creationDate', date),
    ),
    fc.tuple(markerArbitrary).map(([m]) => breaking(AddKycPage, { type: 'AddKycPage', documentId: target.documentId }, 'file', { base64: m }, m)),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveKycDocument, c, 'status', m, m)),
    fc.tuple(observe, markerArbitrary, fc.integer({ min: 256, max: 400 })).map(([c, m, n]) =>
      breaking(ObserveKycDocument, c, 'status', { unrecognized: markedString(m, n) }, m),
    ),
    fc.tuple(observe, markerArbitrary, overLong).map(([c, m, n]) =>
      breaking(ObserveKycDocument, { ...c, status: 'REFUSED', refusedReasonType: 'SPECIFIC_CASE' }, 'refusedReasonMessage', markedString(m, n), m),
    ),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveKycDocument, { ...c, status: 'REFUSED' }, 'refusedReasonType', { unrecognized: '', note: m }, m)),
  );
};
