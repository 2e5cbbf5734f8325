import { createHash } from 'node:crypto';
import type { AddKycPage, CreateKycDocument, ObserveKycDocument, SubmitKycDocument } from '../../domain/kyc-document/kyc-document.commands.js';
import type { KycDocumentStatus } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import type { PagePolicy } from '../../domain/kyc-document/page-policy.js';
import type { AdversarialPageFile, ValidPageFile } from '../arbitraries/page-file.arbitrary.js';
import { isRefusedWith, recordsEvents, recordsNothing, type Expectation, type ExpectedEvent } from './expectation.js';

const eventsOf = (expected: Expectation): ReadonlyArray<ExpectedEvent> => (expected.kind === 'events' ? expected.events : []);
import { observationKey, routeTo, type LifecycleTables } from './observed-route.js';

/** All a model needs to know of a KYC document: where it is in its life, whose and of what type, how many pages it has. */
export interface KycDocumentModel {
  readonly status: 'NOT_CREATED' | KycDocumentStatus;
  readonly userId: string | undefined;
  readonly documentType: string | undefined;
  readonly pageCount: number;
  /** An observation no legal step leads to, recorded since the document last moved (a repeat of it records nothing). */
  readonly divergent: string | undefined;
  /** Whether the platform's own submission was recorded (rather than one seen at Mangopay first). */
  readonly submittedByPlatform: boolean;
  /** The `Flags` last recorded: a refusal's, cleared by a validation, revised on an unchanged status. */
  readonly flags: ReadonlyArray<string>;
}

export const initialKycDocumentModel: KycDocumentModel = {
  flags: [],
  status: 'NOT_CREATED',
  userId: undefined,
  documentType: undefined,
  pageCount: 0,
  divergent: undefined,
  submittedByPlatform: false,
};

/**
 * Seed 002: CREATED → VALIDATION_ASKED → VALIDATED | REFUSED; VALIDATED → OUT_OF_DATE; and Mangopay's
 * downgrade VALIDATION_ASKED → OUT_OF_DATE. Observed from afar, a document can be found any number of these
 * steps ahead; the shortest way there is what is recorded.
 */
export const KYC_DOCUMENT_LIFE: LifecycleTables<KycDocumentStatus> = {
  routes: {
    CREATED: {
      VALIDATION_ASKED: ['VALIDATION_ASKED'],
      VALIDATED: ['VALIDATION_ASKED', 'VALIDATED'],
      REFUSED: ['VALIDATION_ASKED', 'REFUSED'],
      OUT_OF_DATE: ['VALIDATION_ASKED', 'OUT_OF_DATE'],
    },
    VALIDATION_ASKED: { VALIDATED: ['VALIDATED'], REFUSED: ['REFUSED'], OUT_OF_DATE: ['OUT_OF_DATE'] },
    VALIDATED: { OUT_OF_DATE: ['OUT_OF_DATE'] },
    REFUSED: {},
    OUT_OF_DATE: {},
  },
  behind: {
    CREATED: [],
    VALIDATION_ASKED: ['CREATED'],
    VALIDATED: ['CREATED', 'VALIDATION_ASKED'],
    REFUSED: ['CREATED', 'VALIDATION_ASKED'],
    OUT_OF_DATE: ['CREATED', 'VALIDATION_ASKED', 'VALIDATED'],
  },
};

const EVENT_INTO: Readonly<Record<KycDocumentStatus, string>> = {
  CREATED: 'KycDocumentCreated',
  VALIDATION_ASKED: 'KycDocumentSubmitted',
  VALIDATED: 'KycDocumentValidated',
  REFUSED: 'KycDocumentRefused',
  OUT_OF_DATE: 'KycDocumentOutOfDate',
};

/** What a command must do to the document, and the model after it. */
export interface KycDocumentModelStep {
  readonly expected: Expectation;
  readonly next: KycDocumentModel;
}

const refused = (model: KycDocumentModel, ...codes: string[]): KycDocumentModelStep => ({ expected: isRefusedWith(...codes), next: model });
const notCreatedYet = (model: KycDocumentModel): KycDocumentModelStep => refused(model, 'KYC_DOCUMENT_NOT_FOUND');

const createdEvent = (command: CreateKycDocument | ObserveKycDocument): ExpectedEvent => ({
  type: 'KycDocumentCreated',
  documentId: command.documentId,
  userId: command.userId,
  documentType: command.documentType,
  creationDate: command.creationDate,
  tag: command.tag,
});

const justCreated = (command: CreateKycDocument | ObserveKycDocument): KycDocumentModel => ({
  ...initialKycDocumentModel,
  status: 'CREATED',
  userId: command.userId,
  documentType: command.documentType,
});

/** A document already recorded for the same user and type is this creation's outcome (its hook came first): nothing more. */
const createStep = (model: KycDocumentModel, command: CreateKycDocument): KycDocumentModelStep => {
  if (model.status === 'NOT_CREATED') return { expected: recordsEvents(createdEvent(command)), next: justCreated(command) };
  return model.userId === command.userId && model.documentType === command.documentType
    ? { expected: recordsNothing, next: model }
    : refused(model, 'KYC_DOCUMENT_ALREADY_CREATED');
};

/** Seed 002's paths name the user: a command about another user's document finds none. */
const ofAnotherUser = (model: KycDocumentModel, userId: string): boolean => model.status !== 'NOT_CREATED' && model.userId !== userId;

/** Seed 002: pages only while CREATED, within the policy's page count; the file's own fault otherwise. Only a fingerprint is kept. */
const addPageStep = (
  model: KycDocumentModel,
  policy: PagePolicy,
  command: AddKycPage,
  page: ValidPageFile | AdversarialPageFile,
): KycDocumentModelStep => {
  if (model.status === 'NOT_CREATED' || ofAnotherUser(model, command.userId)) return notCreatedYet(model);
  const pageFault = 'expected' in page ? [page.expected] : [];
  // A file that is wrong as well may be refused for either reason.
  if (model.status !== 'CREATED') return refused(model, 'PAGES_ONLY_WHILE_CREATED', ...pageFault);
  const full = policy.maxPages !== undefined && model.pageCount >= policy.maxPages;
  if (full) return refused(model, 'TOO_MANY_PAGES', ...pageFault);
  if ('expected' in page) return refused(model, page.expected);
  return {
    expected: recordsEvents({
      type: 'KycPageAdded',
      documentId: command.documentId,
      pageNumber: model.pageCount + 1,
      sha256: createHash('sha256').update(Buffer.from(page.file, 'base64')).digest('hex'),
      sizeBytes: page.sizeBytes,
      format: page.format,
    }),
    next: { ...model, pageCount: model.pageCount + 1 },
  };
};

/**
 * Submitting a document Mangopay already shows submitted, when the platform's own submission was never recorded,
 * is that submission's outcome (its hook came between Mangopay's answer and the record, or its answer was lost):
 * nothing more to record. A second submission after the platform's own is refused.
 */
const submitStep = (model: KycDocumentModel, command: SubmitKycDocument): KycDocumentModelStep => {
  if (model.status === 'NOT_CREATED' || ofAnotherUser(model, command.userId)) return notCreatedYet(model);
  if (model.status !== 'CREATED') return model.submittedByPlatform ? refused(model, 'SUBMIT_ONLY_WHILE_CREATED') : { expected: recordsNothing, next: model };
  if (model.pageCount === 0) return refused(model, 'SUBMIT_NEEDS_A_PAGE');
  return {
    expected: recordsEvents({ type: 'KycDocumentSubmitted', documentId: command.documentId, source: 'platform', tag: command.tag }),
    next: { ...model, status: 'VALIDATION_ASKED', divergent: undefined, submittedByPlatform: true },
  };
};

/**
 * What Mangopay's view shows, carried into each step that records it, inferred or not: the ProcessedDate into a
 * validation and an out-of-date step, the refusal's type, message and date into a refusal.
 */
const fieldsOf = (status: KycDocumentStatus, observation: ObserveKycDocument): Record<string, unknown> => {
  if (status === 'VALIDATED' || status === 'OUT_OF_DATE') return { processedDate: observation.processedDate };
  if (status !== 'REFUSED') return {};
  const { refusedReasonType, refusedReasonMessage, processedDate, flags } = observation;
  // Mangopay's Flags go with the refusal, when it shows any.
  return { refusedReasonType, refusedReasonMessage, processedDate, anomalies: refusalAnomalies(observation), flags: flags === undefined || flags.length === 0 ? undefined : flags };
};

/**
 * Seed 002 gives a refusal its RefusedReasonType and ProcessedDate; Mangopay decided the refusal, so one shown without
 * them is still recorded, naming what is missing (nothing named when nothing is).
 */
const refusalAnomalies = (observation: ObserveKycDocument): ReadonlyArray<{ path: string; rule: string }> | undefined => {
  const missing = [
    ...(observation.refusedReasonType === undefined ? [{ path: 'refusedReasonType', rule: 'RefusalNeedsReasonType' }] : []),
    ...(observation.processedDate === undefined ? [{ path: 'processedDate', rule: 'ProcessedDateRequired' }] : []),
  ];
  return missing.length === 0 ? undefined : missing;
};

/**
 * Provider truth: the document is moved to the observed status through the steps it must have taken (the
 * ones before the last marked inferred); a late or repeated observation records nothing; one no step leads
 * to is recorded once as a divergence and moves nothing.
 */
const observeStep = (model: KycDocumentModel, observation: ObserveKycDocument): KycDocumentModelStep => {
  if (model.status === 'NOT_CREATED') {
    // A document Mangopay shows first: recorded as it shows it, then walked from CREATED; all or nothing.
    const walked = observeKnown(justCreated(observation), observation);
    return walked.expected.kind === 'refused'
      ? { expected: walked.expected, next: model }
      : { expected: recordsEvents(createdEvent(observation), ...eventsOf(walked.expected)), next: walked.next };
  }
  return observeKnown(model, observation);
};

/** A document the model has: `model.status` is one of the seed's. */
const observeKnown = (model: KycDocumentModel, observation: ObserveKycDocument): KycDocumentModelStep => {
  const { documentId, status } = observation;
  const key = observationKey(status);
  const from = model.status as KycDocumentStatus;
  const route = typeof status === 'string' ? routeTo(KYC_DOCUMENT_LIFE, from, status) : { kind: 'divergent' as const };
  const shown = observation.flags ?? [];
  // The view's Flags, when they are not what the document holds after the steps: recorded, the status kept.
  const revised = (flags: ReadonlyArray<string>): ReadonlyArray<ExpectedEvent> =>
    flags.length === shown.length && flags.every((flag, i) => flag === shown[i]) ? [] : [{ type: 'KycDocumentFlagsChanged', documentId, flags: shown }];
  switch (route.kind) {
    case 'same': {
      const events = revised(model.flags);
      return events.length === 0 ? { expected: recordsNothing, next: model } : { expected: recordsEvents(...events), next: { ...model, flags: shown } };
    }
    case 'stale':
      return { expected: recordsNothing, next: model };
    case 'divergent':
      return model.divergent === key
        ? { expected: recordsNothing, next: model }
        : {
            expected: recordsEvents({ type: 'KycDocumentStatusDiverged', documentId, localStatus: model.status, observedStatus: status }),
            next: { ...model, divergent: key },
          };
    case 'ahead': {
      const target = route.through[route.through.length - 1] as KycDocumentStatus;
      const events: ExpectedEvent[] = route.through.map((into, i) => {
        const last = i === route.through.length - 1;
        return { type: EVENT_INTO[into], documentId, source: last ? 'mangopay' : 'inferred', ...fieldsOf(into, observation) };
      });
      // A refusal carries the Flags it shows; a validation clears them; the other steps keep them.
      const flags = target === 'REFUSED' ? shown : target === 'VALIDATED' ? [] : model.flags;
      return { expected: recordsEvents(...events, ...revised(flags)), next: { ...model, status: target, divergent: undefined, flags: shown } };
    }
  }
};

/** A command naming another document than the stream holds changes nothing. */
const anotherDocumentStep = (model: KycDocumentModel): KycDocumentModelStep =>
  model.status === 'NOT_CREATED' ? notCreatedYet(model) : refused(model, 'KYC_DOCUMENT_ID_MISMATCH');

/** A page or a submission naming another user than the document's finds no document. */
const anotherUserStep = (model: KycDocumentModel): KycDocumentModelStep => notCreatedYet(model);

/** The model's answer to each KycDocument command: what it must do, and the model after it. */
export const kycDocumentModel = {
  initial: initialKycDocumentModel,
  create: createStep,
  addPage: addPageStep,
  submit: submitStep,
  observe: observeStep,
  nameAnotherDocument: anotherDocumentStep,
  nameAnotherUser: anotherUserStep,
} as const;
