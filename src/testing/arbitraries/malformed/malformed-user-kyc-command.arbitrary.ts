import fc from 'fast-check';
import { ObserveUser, RecordIdvSessionStatus, RecordKycDocumentStatus } from '../../../domain/user-kyc/user-kyc.commands.js';
import { markedString, markerArbitrary } from '../identifiers.arbitrary.js';
import { observeUserArbitrary, recordIdvSessionStatusArbitrary, recordKycDocumentStatusArbitrary, type UserKycTarget } from '../user-kyc-command.arbitrary.js';
import { breaking, type MalformedInput } from './malformed-input.js';

/** UserKyc commands with one field that breaks the shapes: ids, user types, KYC levels, statuses outside the seeds. */
export const malformedUserKycCommandArbitrary = (target: UserKycTarget): fc.Arbitrary<MalformedInput> => {
  const observe = observeUserArbitrary(target);
  const document = recordKycDocumentStatusArbitrary(target);
  return fc.oneof(
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveUser, c, 'userId', `${m} ${m}`, m)),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveUser, c, 'kycLevel', m, m)),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveUser, c, 'kycLevel', { unrecognized: markedString(m, 300) }, m)),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveUser, c, 'user', { personType: m, userCategory: 'OWNER' }, m)),
    fc.tuple(document, markerArbitrary).map(([c, m]) => breaking(RecordKycDocumentStatus, c, 'documentType', m, m)),
    // The KYC documents' statuses reach this aggregate already checked: an unknown one is malformed here.
    fc.tuple(document, markerArbitrary).map(([c, m]) => breaking(RecordKycDocumentStatus, c, 'status', { unrecognized: m }, m)),
    fc.tuple(recordIdvSessionStatusArbitrary(target), markerArbitrary).map(([c, m]) => breaking(RecordIdvSessionStatus, c, 'status', m, m)),
  );
};
