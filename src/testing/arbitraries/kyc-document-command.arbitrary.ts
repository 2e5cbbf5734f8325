import fc from 'fast-check';
import type { AddKycPage, CreateKycDocument, KycDocumentCommand, ObserveKycDocumentStatus, SubmitKycDocument } from '../../domain/kyc-document/kyc-document.commands.js';
import type { KycDocumentErrorType } from '../../domain/kyc-document/kyc-document.errors.js';
import { KYC_DOCUMENT_REFUSED_REASON_TYPES, KYC_DOCUMENT_STATUSES, type KycDocumentType } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import type { PagePolicy } from '../../domain/kyc-document/page-policy.js';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import { mangopayIdArbitrary, refusedReasonMessageArbitrary, tagArbitrary, unixTimestampArbitrary } from './identifiers.arbitrary.js';
import { observedStatusArbitrary } from './observed-status.arbitrary.js';
import { adversarialPageFileArbitrary, validPageFileArbitrary, type AdversarialPageFile, type ValidPageFile } from './page-file.arbitrary.js';

/** The document the commands are about, its type (page minimums depend on it) and the page policy in force. */
export interface KycDocumentTarget {
  readonly documentId: MangopayId;
  readonly documentType: KycDocumentType;
  readonly policy: PagePolicy;
}

export const createKycDocumentArbitrary = ({ documentId, documentType }: KycDocumentTarget): fc.Arbitrary<CreateKycDocument> =>
  fc
    .record({ userId: mangopayIdArbitrary(), creationDate: unixTimestampArbitrary, tag: fc.option(tagArbitrary, { nil: undefined }) })
    .map(({ userId, creationDate, tag }) => ({ type: 'CreateKycDocument', documentId, userId, documentType, creationDate, ...(tag === undefined ? {} : { tag }) }));

export const addValidPageArbitrary = ({ documentId, documentType, policy }: KycDocumentTarget): fc.Arbitrary<{ command: AddKycPage; page: ValidPageFile }> =>
  validPageFileArbitrary(policy, documentType).map((page) => ({ command: { type: 'AddKycPage', documentId, file: page.file }, page }));

/** A page the policy refuses, with the typed error it must produce. */
export const addRefusedPageArbitrary = ({ documentId, documentType, policy }: KycDocumentTarget): fc.Arbitrary<{ command: AddKycPage; page: AdversarialPageFile }> =>
  adversarialPageFileArbitrary(policy, documentType).map((page) => ({ command: { type: 'AddKycPage', documentId, file: page.file }, page }));

export const submitKycDocumentArbitrary = ({ documentId }: KycDocumentTarget): fc.Arbitrary<SubmitKycDocument> =>
  fc.option(tagArbitrary, { nil: undefined }).map((tag) => ({ type: 'SubmitKycDocument', documentId, ...(tag === undefined ? {} : { tag }) }));

/**
 * What Mangopay answers on a re-fetch: any status (some it does not know yet), with the details a processed
 * document has. VALIDATED and OUT_OF_DATE come more often, so runs also reach the end of a validated life.
 */
export const observeKycDocumentArbitrary = ({ documentId }: KycDocumentTarget, unrecognizedWeight = 2): fc.Arbitrary<ObserveKycDocumentStatus> =>
  fc
    .record({
      status: observedStatusArbitrary(KYC_DOCUMENT_STATUSES, unrecognizedWeight, { VALIDATION_ASKED: 2, VALIDATED: 4, REFUSED: 3, OUT_OF_DATE: 3 }),
      refusedReasonType: observedStatusArbitrary(KYC_DOCUMENT_REFUSED_REASON_TYPES, 1),
      refusedReasonMessage: fc.option(refusedReasonMessageArbitrary, { nil: undefined }),
      processedDate: unixTimestampArbitrary,
    })
    .map(({ status, refusedReasonType, refusedReasonMessage, processedDate }) => ({
      type: 'ObserveKycDocumentStatus',
      documentId,
      status,
      // Mangopay fills the refusal fields only on a refused document.
      ...(status === 'REFUSED' ? { refusedReasonType, ...(refusedReasonMessage === undefined ? {} : { refusedReasonMessage }) } : {}),
      ...(status === 'CREATED' || status === 'VALIDATION_ASKED' ? {} : { processedDate }),
    }));

export type IncompleteRefusalError = Extract<KycDocumentErrorType, 'REFUSAL_NEEDS_REASON_TYPE' | 'PROCESSED_DATE_REQUIRED'>;

/** A refusal observed without its RefusedReasonType or without its ProcessedDate, tagged with the refusal it must get. */
export const incompleteRefusalArbitrary = ({ documentId }: KycDocumentTarget): fc.Arbitrary<{ command: ObserveKycDocumentStatus; expected: IncompleteRefusalError }> =>
  fc.oneof(
    unixTimestampArbitrary.map((processedDate) => ({
      command: { type: 'ObserveKycDocumentStatus' as const, documentId, status: 'REFUSED' as const, processedDate },
      expected: 'REFUSAL_NEEDS_REASON_TYPE' as const,
    })),
    observedStatusArbitrary(KYC_DOCUMENT_REFUSED_REASON_TYPES, 1).map((refusedReasonType) => ({
      command: { type: 'ObserveKycDocumentStatus' as const, documentId, status: 'REFUSED' as const, refusedReasonType },
      expected: 'PROCESSED_DATE_REQUIRED' as const,
    })),
  );

/** Well-formed commands about the target document. */
export const validKycDocumentCommandArbitrary = (target: KycDocumentTarget): fc.Arbitrary<KycDocumentCommand> =>
  fc.oneof(
    createKycDocumentArbitrary(target),
    addValidPageArbitrary(target).map(({ command }) => command),
    submitKycDocumentArbitrary(target),
    observeKycDocumentArbitrary(target),
  );

/** Well-formed commands that break a rule: refused pages, incomplete refusals, and commands naming another document. */
export const adversarialKycDocumentCommandArbitrary = (target: KycDocumentTarget): fc.Arbitrary<KycDocumentCommand> =>
  fc.oneof(
    addRefusedPageArbitrary(target).map(({ command }) => command),
    incompleteRefusalArbitrary(target).map(({ command }) => command),
    fc
      .tuple(validKycDocumentCommandArbitrary(target), mangopayIdArbitrary().filter((id) => id !== target.documentId))
      .map(([command, documentId]) => ({ ...command, documentId })),
  );
