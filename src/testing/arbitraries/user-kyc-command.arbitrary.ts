import fc from 'fast-check';
import { IDV_SESSION_STATUSES } from '../../domain/idv-session/idv-session.vocabulary.js';
import { KYC_DOCUMENT_STATUSES, KYC_DOCUMENT_TYPES } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../domain/shared/unix-timestamp.js';
import { UBO_DECLARATION_REASONS, UBO_DECLARATION_STATUSES } from '../../domain/user-kyc/ubo-declaration.vocabulary.js';
import type { UboDeclarationRecord } from '../../domain/user-kyc/ubo-declaration.js';
import type {
  ObserveUboDeclarations,
  ObserveUser,
  RecordIdvSessionStatus,
  RecordKycDocumentStatus,
  UserKycCommand,
} from '../../domain/user-kyc/user-kyc.commands.js';
import { KYC_LEVELS } from '../../domain/user-kyc/user-kyc.vocabulary.js';
import { mangopayIdArbitrary } from './identifiers.arbitrary.js';
import { observedStatusArbitrary } from './observed-status.arbitrary.js';
import { userProfileArbitrary } from './user-profile.arbitrary.js';

/** The user the commands are about. Documents and sessions come from small pools so one is seen validated, then expired. */
export interface UserKycTarget {
  readonly userId: MangopayId;
}

const DOCUMENT_POOL = ['doc-1', 'doc-2', 'doc-3', 'doc-4'] as MangopayId[];
const SESSION_POOL = ['idv-1', 'idv-2'] as MangopayId[];
const UBO_DECLARATION_POOL = ['ubo-1', 'ubo-2'] as MangopayId[];

/** A declaration as Mangopay may list it: any status (an unknown one too), a reason or none, 0 to 16 UBOs. */
export const uboDeclarationRecordArbitrary: fc.Arbitrary<UboDeclarationRecord> = fc
  .record(
    {
      declarationId: fc.constantFrom(...UBO_DECLARATION_POOL),
      status: observedStatusArbitrary(UBO_DECLARATION_STATUSES, 1, { VALIDATED: 3 }),
      creationDate: fc.constantFrom(1_700_000_000, 1_700_000_500).map((n) => n as UnixTimestamp),
      uboCount: fc.integer({ min: 0, max: 16 }),
      reason: observedStatusArbitrary(UBO_DECLARATION_REASONS, 1),
      processedDate: fc.constant(1_700_001_000 as UnixTimestamp),
    },
    { requiredKeys: ['declarationId', 'status', 'creationDate', 'uboCount'] },
  )
  .map((record) => record as UboDeclarationRecord);

export const observeUboDeclarationsArbitrary = ({ userId }: UserKycTarget): fc.Arbitrary<ObserveUboDeclarations> =>
  fc.array(uboDeclarationRecordArbitrary, { maxLength: 3 }).map((declarations) => ({ type: 'ObserveUboDeclarations', userId, declarations }));

export const observeUserArbitrary = ({ userId }: UserKycTarget): fc.Arbitrary<ObserveUser> =>
  fc
    .record({ user: userProfileArbitrary, kycLevel: observedStatusArbitrary(KYC_LEVELS) })
    .map(({ user, kycLevel }) => ({ type: 'ObserveUser', userId, user, kycLevel }));

export const recordKycDocumentStatusArbitrary = ({ userId }: UserKycTarget): fc.Arbitrary<RecordKycDocumentStatus> =>
  fc
    .record({ documentId: fc.constantFrom(...DOCUMENT_POOL), documentType: fc.constantFrom(...KYC_DOCUMENT_TYPES), status: fc.constantFrom(...KYC_DOCUMENT_STATUSES) })
    .map((fields) => ({ type: 'RecordKycDocumentStatus', userId, ...fields }));

export const recordIdvSessionStatusArbitrary = ({ userId }: UserKycTarget): fc.Arbitrary<RecordIdvSessionStatus> =>
  fc
    .record({ sessionId: fc.constantFrom(...SESSION_POOL), status: fc.constantFrom(...IDV_SESSION_STATUSES) })
    .map((fields) => ({ type: 'RecordIdvSessionStatus', userId, ...fields }));

export const validUserKycCommandArbitrary = (target: UserKycTarget): fc.Arbitrary<UserKycCommand> =>
  fc.oneof(observeUserArbitrary(target), recordKycDocumentStatusArbitrary(target), recordIdvSessionStatusArbitrary(target), observeUboDeclarationsArbitrary(target));

/** Well-formed commands that break a rule: about another user than the stream holds. */
export const adversarialUserKycCommandArbitrary = (target: UserKycTarget): fc.Arbitrary<UserKycCommand> =>
  fc
    .tuple(validUserKycCommandArbitrary(target), mangopayIdArbitrary().filter((id) => id !== target.userId))
    .map(([command, userId]) => ({ ...command, userId }));
