import fc from 'fast-check';
import type { AddKycPage, CreateKycDocument, KycDocumentCommand, ObserveKycDocument, SubmitKycDocument } from '../../domain/kyc-document/kyc-document.commands.js';
import { KYC_DOCUMENT_REFUSED_REASON_TYPES, KYC_DOCUMENT_STATUSES, type KycDocumentType } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import type { PagePolicy } from '../../domain/kyc-document/page-policy.js';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import { mangopayIdArbitrary, refusedReasonMessageArbitrary, tagArbitrary, unixTimestampArbitrary } from './identifiers.arbitrary.js';
import { observedStatusArbitrary } from './observed-status.arbitrary.js';
import { adversarialPageFileArbitrary, validPageFileArbitrary, type AdversarialPageFile, type ValidPageFile } from './page-file.arbitrary.js';

/** The document the commands are about, its user, its type (page minimums depend on it) and the page policy in force. */
export interface KycDocumentTarget {
  readonly documentId: MangopayId;
  readonly userId: MangopayId;
  readonly documentType: KycDocumentType;
  readonly policy: PagePolicy;
}

/** Mostly for the target's user; sometimes for another one (the same id can then only conflict). */
export const createKycDocumentArbitrary = ({ documentId, userId: owner, documentType }: KycDocumentTarget): fc.Arbitrary<CreateKycDocument> =>
  fc
    .record({
      userId: fc.oneof({ weight: 3, arbitrary: fc.constant(owner) }, { weight: 1, arbitrary: mangopayIdArbitrary() }),
      creationDate: unixTimestampArbitrary,
      tag: fc.option(tagArbitrary, { nil: undefined }),
    })
    .map(({ userId, creationDate, tag }) => ({ type: 'CreateKycDocument', documentId, userId, documentType, creationDate, ...(tag === undefined ? {} : { tag }) }));

export const addValidPageArbitrary = ({ documentId, userId, documentType, policy }: KycDocumentTarget): fc.Arbitrary<{ command: AddKycPage; page: ValidPageFile }> =>
  validPageFileArbitrary(policy, documentType).map((page) => ({ command: { type: 'AddKycPage', documentId, userId, file: page.file }, page }));

/** A page the policy refuses, with the typed error it must produce. */
export const addRefusedPageArbitrary = ({ documentId, userId, documentType, policy }: KycDocumentTarget): fc.Arbitrary<{ command: AddKycPage; page: AdversarialPageFile }> =>
  adversarialPageFileArbitrary(policy, documentType).map((page) => ({ command: { type: 'AddKycPage', documentId, userId, file: page.file }, page }));

export const submitKycDocumentArbitrary = ({ documentId, userId }: KycDocumentTarget): fc.Arbitrary<SubmitKycDocument> =>
  fc.option(tagArbitrary, { nil: undefined }).map((tag) => ({ type: 'SubmitKycDocument', documentId, userId, ...(tag === undefined ? {} : { tag }) }));

/**
 * What Mangopay answers on a re-fetch: any status (some it does not know yet), with the details a processed
 * document has. VALIDATED and OUT_OF_DATE come more often, so runs also reach the end of a validated life.
 */
export const observeKycDocumentArbitrary = ({ documentId, userId, documentType }: KycDocumentTarget, unrecognizedWeight = 2): fc.Arbitrary<ObserveKycDocument> =>
  fc
    .record({
      creationDate: unixTimestampArbitrary,
      tag: fc.option(tagArbitrary, { nil: undefined }),
      status: observedStatusArbitrary(KYC_DOCUMENT_STATUSES, unrecognizedWeight, { VALIDATION_ASKED: 2, VALIDATED: 4, REFUSED: 3, OUT_OF_DATE: 3 }),
      refusedReasonType: observedStatusArbitrary(KYC_DOCUMENT_REFUSED_REASON_TYPES, 1),
      refusedReasonMessage: fc.option(refusedReasonMessageArbitrary, { nil: undefined }),
      processedDate: unixTimestampArbitrary,
      // Flag codes as the KYC Document object shows them (six digits), and an odd one kept verbatim.
      flags: fc.array(fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string({ minLength: 1, maxLength: 20 })), { maxLength: 3 }),
    })
    .map(({ creationDate, tag, status, refusedReasonType, refusedReasonMessage, processedDate, flags }) => ({
      type: 'ObserveKycDocument',
      documentId,
      userId,
      documentType,
      creationDate,
      ...(tag === undefined ? {} : { tag }),
      status,
      // Mangopay fills the refusal fields only on a refused document.
      ...(status === 'REFUSED' ? { refusedReasonType, ...(refusedReasonMessage === undefined ? {} : { refusedReasonMessage }) } : {}),
      ...(status === 'CREATED' || status === 'VALIDATION_ASKED' ? {} : { processedDate }),
      ...(flags.length === 0 ? {} : { flags }),
    }));

/** A refusal observed without its RefusedReasonType, its ProcessedDate, or both (Mangopay decided it: recorded with the anomaly). */
export const incompleteRefusalArbitrary = ({ documentId, userId, documentType }: KycDocumentTarget): fc.Arbitrary<{ command: ObserveKycDocument }> =>
  fc.tuple(unixTimestampArbitrary, unixTimestampArbitrary, observedStatusArbitrary(KYC_DOCUMENT_REFUSED_REASON_TYPES, 1)).chain(([creationDate, processedDate, refusedReasonType]) => {
    const view = { type: 'ObserveKycDocument' as const, documentId, userId, documentType, creationDate, status: 'REFUSED' as const };
    return fc.constantFrom({ command: { ...view, processedDate } }, { command: { ...view, refusedReasonType } }, { command: view });
  });

/** Well-formed commands about the target document. */
export const validKycDocumentCommandArbitrary = (target: KycDocumentTarget): fc.Arbitrary<KycDocumentCommand> =>
  fc.oneof(
    createKycDocumentArbitrary(target),
    addValidPageArbitrary(target).map(({ command }) => command),
    submitKycDocumentArbitrary(target),
    observeKycDocumentArbitrary(target),
  );

/** A page or a submission naming another user than the document's: refused as not found. */
export const anotherUsersCommandArbitrary = (target: KycDocumentTarget): fc.Arbitrary<AddKycPage | SubmitKycDocument> =>
  fc
    .tuple(fc.oneof(addValidPageArbitrary(target).map(({ command }) => command), submitKycDocumentArbitrary(target)), mangopayIdArbitrary().filter((id) => id !== target.userId))
    .map(([command, userId]) => ({ ...command, userId }));

/** Well-formed commands that break a rule: refused pages, incomplete refusals, and commands naming another document. */
export const adversarialKycDocumentCommandArbitrary = (target: KycDocumentTarget): fc.Arbitrary<KycDocumentCommand> =>
  fc.oneof(
    addRefusedPageArbitrary(target).map(({ command }) => command),
    incompleteRefusalArbitrary(target).map(({ command }) => command),
    fc
      .tuple(validKycDocumentCommandArbitrary(target), mangopayIdArbitrary().filter((id) => id !== target.documentId))
      .map(([command, documentId]) => ({ ...command, documentId })),
  );
