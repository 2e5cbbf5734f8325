import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { append } from '../shared/append.js';
import type { Decider } from '../shared/decider.js';
import { anomaliesField, type Anomaly } from '../shared/anomaly.js';
import { domainError } from '../shared/domain-error.js';
import { isUnrecognized, type Recognized } from '../shared/recognized.js';
import { classifyObservedStatus, rowsFor, type Transition } from '../shared/transition-table.js';
import type {
  AddKycPage,
  CreateKycDocument,
  KycDocumentCommand,
  KycDocumentCommandType,
  ObserveKycDocument,
  SubmitKycDocument,
} from './kyc-document.commands.js';
import type { KycDocumentError } from './kyc-document.errors.js';
import type { KycDocumentEvent, KycDocumentEventType } from './kyc-document.events.js';
import type { StepSource } from '../shared/step-source.js';
import {
  initialKycDocumentState,
  isCreated,
  type KycDocument,
  type KycDocumentLifecycle,
  type KycDocumentState,
} from './kyc-document.state.js';
import { kycDocumentReplay } from './kyc-document.replay.js';
import { kycDocumentTransitions } from './kyc-document.transitions.js';
import type { KycDocumentStatus } from './kyc-document.vocabulary.js';
import { analysePageFile } from './page-file.js';
import type { PagePolicy } from './page-policy.js';

type Decision = E.Either<KycDocumentError, ReadonlyArray<KycDocumentEvent>>;
type StepEventType = 'KycDocumentSubmitted' | 'KycDocumentValidated' | 'KycDocumentRefused' | 'KycDocumentOutOfDate';
type Row = Transition<KycDocumentLifecycle, KycDocumentCommandType, KycDocumentEventType>;
type StepRow = Transition<KycDocumentLifecycle, KycDocumentCommandType, StepEventType>;

const STEP_EVENTS: ReadonlySet<KycDocumentEventType> = new Set<StepEventType>([
  'KycDocumentSubmitted',
  'KycDocumentValidated',
  'KycDocumentRefused',
  'KycDocumentOutOfDate',
]);
const isStep = (row: Row): row is StepRow => STEP_EVENTS.has(row.event);

/** The status changes a created document can go through: what reconciliation walks. */
const steps: ReadonlyArray<StepRow> = kycDocumentTransitions.filter(isStep);

const NOTHING: ReadonlyArray<KycDocumentEvent> = [];

const allowed = (state: KycDocumentState, command: KycDocumentCommandType): boolean =>
  rowsFor(kycDocumentTransitions, state.status, command).length > 0;

/** The document a command names must be the one this stream holds, and, when it names a user, be theirs. */
const existing = (state: KycDocumentState, documentId: string, userId?: string): E.Either<KycDocumentError, KycDocument> => {
  if (!isCreated(state)) return E.left(domainError('KYC_DOCUMENT_NOT_FOUND', 'No KYC document exists with this id'));
  if (state.documentId !== documentId) {
    return E.left(domainError('KYC_DOCUMENT_ID_MISMATCH', 'The command names another document than this stream holds'));
  }
  // Another user's document answers as absent: its existence is not this user's to learn.
  if (userId !== undefined && state.userId !== userId) {
    return E.left(domainError('KYC_DOCUMENT_NOT_FOUND', 'No KYC document with this id belongs to this user'));
  }
  return E.right(state);
};

const created = (command: CreateKycDocument | ObserveKycDocument): KycDocumentEvent => ({
  type: 'KycDocumentCreated',
  documentId: command.documentId,
  userId: command.userId,
  documentType: command.documentType,
  creationDate: command.creationDate,
  ...(command.tag === undefined ? {} : { tag: command.tag }),
});

/**
 * The platform records the document Mangopay created for it. Mangopay's KYC_CREATED hook may have been
 * reconciled first: the stream then already holds this very document, and there is nothing left to record
 * (the command succeeded); any other document under this id is a conflict.
 */
const create = (command: CreateKycDocument, state: KycDocumentState): Decision => {
  if (allowed(state, command.type)) return E.right([created(command)]);
  const same = isCreated(state) && state.userId === command.userId && state.documentType === command.documentType;
  return same ? E.right(NOTHING) : E.left(domainError('KYC_DOCUMENT_ALREADY_CREATED', 'This KYC document has already been created'));
};

const addPage =
  (policy: PagePolicy) =>
  (command: AddKycPage, document: KycDocument): Decision => {
    if (!allowed(document, command.type)) {
      return E.left(
        domainError(
          'PAGES_ONLY_WHILE_CREATED',
          `Pages can be added only while the document is CREATED; it is ${document.status}`,
          { status: document.status },
        ),
      );
    }
    if (policy.maxPages !== undefined && document.pages.length >= policy.maxPages) {
      return E.left(
        domainError('TOO_MANY_PAGES', `A document holds at most ${policy.maxPages} pages (${policy.name} rules)`, {
          maxPages: policy.maxPages,
        }),
      );
    }
    return pipe(
      analysePageFile(command.file, policy, document.documentType),
      E.map((facts) => [
        {
          type: 'KycPageAdded' as const,
          documentId: document.documentId,
          pageNumber: document.pages.length + 1,
          sha256: facts.sha256,
          sizeBytes: facts.sizeBytes,
          format: facts.format,
        },
      ]),
    );
  };

const submit = (command: SubmitKycDocument, document: KycDocument): Decision => {
  // Mangopay's view already shows the submission, and the platform's own was never recorded: this is that
  // submission (its hook was reconciled between Mangopay's answer and the append, or its answer was lost and
  // the platform retries). It succeeded; nothing is left to record and Mangopay must not be asked again.
  if (!allowed(document, command.type) && document.status !== 'CREATED' && document.submittedBy !== 'platform') return E.right(NOTHING);
  if (!allowed(document, command.type)) {
    return E.left(
      domainError(
        'SUBMIT_ONLY_WHILE_CREATED',
        `Only a CREATED document can be submitted for validation; it is ${document.status}`,
        { status: document.status },
      ),
    );
  }
  if (document.pages.length === 0) {
    return E.left(domainError('SUBMIT_NEEDS_A_PAGE', 'A document needs at least one page before it is submitted'));
  }
  return E.right([
    {
      type: 'KycDocumentSubmitted',
      documentId: document.documentId,
      source: 'platform',
      ...(command.tag === undefined ? {} : { tag: command.tag }),
    },
  ]);
};

/** Seed 002: a refusal comes with its RefusedReasonType and ProcessedDate. What the view lacks of them is an anomaly. */
const refusalAnomalies = (observation: ObserveKycDocument): ReadonlyArray<Anomaly> => [
  ...(observation.refusedReasonType === undefined ? [{ path: 'refusedReasonType', rule: 'RefusalNeedsReasonType' }] : []),
  ...(observation.processedDate === undefined ? [{ path: 'processedDate', rule: 'ProcessedDateRequired' }] : []),
];

/** The event that records one step of the path to an observed status. */
const stepEvent = (row: StepRow, documentId: KycDocument['documentId'], source: StepSource, observation: ObserveKycDocument): KycDocumentEvent => {
  // Every step carries what Mangopay's view shows, inferred or not: a VALIDATED step missed (its hook dropped)
  // before the document went OUT_OF_DATE still gets the ProcessedDate the view holds.
  const processedDate = observation.processedDate === undefined ? {} : { processedDate: observation.processedDate };
  switch (row.event) {
    case 'KycDocumentSubmitted':
      return { type: 'KycDocumentSubmitted', documentId, source };
    case 'KycDocumentValidated':
      return { type: 'KycDocumentValidated', documentId, source, ...processedDate };
    case 'KycDocumentRefused':
      // Mangopay decided the refusal: recorded even when the view lacks what seed 002 gives a refusal.
      return {
        type: 'KycDocumentRefused',
        documentId,
        source,
        ...(observation.refusedReasonType === undefined ? {} : { refusedReasonType: observation.refusedReasonType }),
        ...processedDate,
        ...(observation.refusedReasonMessage === undefined ? {} : { refusedReasonMessage: observation.refusedReasonMessage }),
        ...(observation.flags === undefined || observation.flags.length === 0 ? {} : { flags: observation.flags }),
        ...anomaliesField(refusalAnomalies(observation)),
      };
    case 'KycDocumentOutOfDate':
      return { type: 'KycDocumentOutOfDate', documentId, source, ...processedDate };
  }
};

/** The same status with other Flags: the change recorded, the status kept. Equal flags (or none shown) record nothing. */
const flagsChanged = (command: ObserveKycDocument, document: KycDocument): ReadonlyArray<KycDocumentEvent> => {
  const flags = command.flags ?? [];
  return flags.length === document.flags.length && flags.every((flag, i) => flag === document.flags[i])
    ? NOTHING
    : [{ type: 'KycDocumentFlagsChanged', documentId: document.documentId, flags }];
};

const sameObservation = (a: Recognized<KycDocumentStatus> | undefined, b: Recognized<KycDocumentStatus>): boolean =>
  a !== undefined && (isUnrecognized(a) ? isUnrecognized(b) && a.unrecognized === b.unrecognized : a === b);

/**
 * Provider truth: the observed status is reached through legal steps (the missing ones recorded as
 * inferred), or recorded as a divergence without touching the state. Duplicates and stale observations
 * record nothing.
 */
const observe = (command: ObserveKycDocument, state: KycDocumentState): Decision => {
  if (!isCreated(state)) {
    // A document this core has not recorded yet (its hook came before the platform's own command, or it was
    // created elsewhere): recorded as Mangopay shows it, then walked from CREATED like any other.
    const first = created(command);
    return pipe(walk(command, evolveKycDocument(state, first) as KycDocument), E.map((steps) => [first, ...steps]));
  }
  return E.flatMap(existing(state, command.documentId), (document) => walk(command, document));
};

const walk = (command: ObserveKycDocument, document: KycDocument): Decision => {
  const diverged = (): Decision =>
    sameObservation(document.divergentStatus, command.status)
      ? E.right(NOTHING)
      : E.right([
          {
            type: 'KycDocumentStatusDiverged',
            documentId: document.documentId,
            localStatus: document.status,
            observedStatus: command.status,
          },
        ]);
  if (isUnrecognized(command.status)) return diverged();
  const relation = classifyObservedStatus(steps, document.status, command.status);
  switch (relation.kind) {
    case 'same':
      return E.right(flagsChanged(command, document));
    case 'stale':
      return E.right(NOTHING);
    case 'divergent':
      return diverged();
    case 'ahead': {
      const stepped = relation.path.map((row, index) => stepEvent(row, document.documentId, index === relation.path.length - 1 ? 'mangopay' : 'inferred', command));
      // A validation clears the Flags and the other steps keep them: Flags the view shows beyond that are recorded too.
      const after = stepped.reduce(evolveKycDocument, document as KycDocumentState) as KycDocument;
      return E.right([...stepped, ...flagsChanged(command, after)]);
    }
  }
};

/**
 * Every state after creation is built by this one function, positionally, so a fold allocates one object
 * of one shape per event and `evolve` stays monomorphic: object spreads and "change" records measured
 * about half as fast in bench/domain-core.bench.ts.
 */
const next = (
  from: KycDocument,
  status: KycDocument['status'],
  pages: KycDocument['pages'],
  tag: KycDocument['tag'],
  processedDate: KycDocument['processedDate'],
  refusedReasonType: KycDocument['refusedReasonType'],
  refusedReasonMessage: KycDocument['refusedReasonMessage'],
  divergentStatus: KycDocument['divergentStatus'],
  submittedBy: KycDocument['submittedBy'],
  anomalies: KycDocument['anomalies'],
  flags: KycDocument['flags'] = from.flags,
): KycDocument => ({
  status,
  documentId: from.documentId,
  userId: from.userId,
  documentType: from.documentType,
  tag,
  creationDate: from.creationDate,
  processedDate,
  refusedReasonType,
  refusedReasonMessage,
  flags,
  pages,
  anomalies,
  divergentStatus,
  submittedBy,
});

/** A status change clears a recorded divergence: the provider and the core agree again. */
export const evolveKycDocument = (state: KycDocumentState, event: KycDocumentEvent): KycDocumentState => {
  if (event.type === 'KycDocumentCreated') {
    return {
      status: 'CREATED',
      documentId: event.documentId,
      userId: event.userId,
      documentType: event.documentType,
      tag: event.tag,
      creationDate: event.creationDate,
      processedDate: undefined,
      refusedReasonType: undefined,
      refusedReasonMessage: undefined,
      flags: [],
      pages: [],
      anomalies: [],
      divergentStatus: undefined,
      submittedBy: undefined,
    };
  }
  if (!isCreated(state)) return state;
  const s = state;
  switch (event.type) {
    case 'KycPageAdded': {
      const page = { pageNumber: event.pageNumber, sha256: event.sha256, sizeBytes: event.sizeBytes, format: event.format };
      const pages = append(s.pages, page);
      return next(s, s.status, pages, s.tag, s.processedDate, s.refusedReasonType, s.refusedReasonMessage, s.divergentStatus, s.submittedBy, s.anomalies);
    }
    case 'KycDocumentSubmitted':
      return next(s, 'VALIDATION_ASKED', s.pages, event.tag ?? s.tag, s.processedDate, s.refusedReasonType, s.refusedReasonMessage, undefined, event.source, s.anomalies);
    case 'KycDocumentValidated':
      return next(s, 'VALIDATED', s.pages, s.tag, event.processedDate, undefined, undefined, undefined, s.submittedBy, [], []);
    case 'KycDocumentRefused':
      return next(s, 'REFUSED', s.pages, s.tag, event.processedDate, event.refusedReasonType, event.refusedReasonMessage, undefined, s.submittedBy, event.anomalies ?? [], event.flags ?? []);
    case 'KycDocumentOutOfDate':
      return next(s, 'OUT_OF_DATE', s.pages, s.tag, event.processedDate ?? s.processedDate, s.refusedReasonType, s.refusedReasonMessage, undefined, s.submittedBy, s.anomalies);
    case 'KycDocumentFlagsChanged':
      return next(s, s.status, s.pages, s.tag, s.processedDate, s.refusedReasonType, s.refusedReasonMessage, s.divergentStatus, s.submittedBy, s.anomalies, event.flags);
    case 'KycDocumentStatusDiverged':
      return next(s, s.status, s.pages, s.tag, s.processedDate, s.refusedReasonType, s.refusedReasonMessage, event.observedStatus, s.submittedBy, s.anomalies);
  }
};

/** `evolveKycDocument` over a whole stream, in linear time (see kyc-document.replay.ts). */
export const replayKycDocument = kycDocumentReplay(evolveKycDocument);

export type KycDocumentDecider = Decider<KycDocumentCommand, KycDocumentEvent, KycDocumentState, KycDocumentError>;

/** The KycDocument aggregate, under a page policy (seed 002's by default). */
export const kycDocumentDecider = (policy: PagePolicy): KycDocumentDecider => {
  const addPageUnder = addPage(policy);
  return {
    initialState: initialKycDocumentState,
    evolve: evolveKycDocument,
    replay: replayKycDocument,
    decide: (command, state) => {
      switch (command.type) {
        case 'CreateKycDocument':
          return create(command, state);
        case 'AddKycPage':
          return E.flatMap(existing(state, command.documentId, command.userId), (document) => addPageUnder(command, document));
        case 'SubmitKycDocument':
          return E.flatMap(existing(state, command.documentId, command.userId), (document) => submit(command, document));
        case 'ObserveKycDocument':
          return observe(command, state);
      }
    },
  };
};
