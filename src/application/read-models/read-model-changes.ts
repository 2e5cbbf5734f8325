import * as E from 'fp-ts/lib/Either.js';
import type { IdvSessionEvent, IdvSessionStatus } from '../../domain/idv-session/index.js';
import type { KycDocumentEvent } from '../../domain/kyc-document/index.js';
import type { UserKycEvent } from '../../domain/user-kyc/index.js';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../aggregates.js';
import type { Aggregate } from '../command-handling/aggregate.js';
import { decodeRecordedWithoutPersonalData } from '../command-handling/load-aggregate.js';
import type { RecordedEvent } from '../ports/event-store.js';
import type { DocumentPatch, ReadModelChange } from '../ports/read-model-change.js';
import { readModelEventUnreadable, type ReadModelEventUnreadable } from '../ports/read-model-errors.js';

/**
 * The one translation from recorded events to read-model changes: pure, total over the three aggregates'
 * event types (a new event type does not compile until it is decided here), and blind to personal fields.
 * Events are decoded as everywhere else, through their aggregate's schema (upcasters included), with their
 * personal fields read as erased: the lists never hold personal data.
 */

type Translators<Event extends { readonly type: string }> = {
  readonly [K in Event['type']]: (event: Extract<Event, { readonly type: K }>, version: number) => ReadonlyArray<ReadModelChange>;
};

const NO_CHANGES: ReadonlyArray<ReadModelChange> = [];

const document =
  <A extends { readonly documentId: string }>(patch: (event: A) => DocumentPatch) =>
  (event: A, version: number): ReadonlyArray<ReadModelChange> => [{ kind: 'document-changed', documentId: event.documentId, version, patch: patch(event) }];

const documentTranslators: Translators<KycDocumentEvent> = {
  KycDocumentCreated: (f, version) => [
    {
      kind: 'document-created',
      version,
      document: {
        documentId: f.documentId,
        userId: f.userId,
        type: f.documentType,
        status: 'CREATED',
        tag: f.tag ?? null,
        creationDate: f.creationDate,
        processedDate: null,
        refusedReasonType: null,
        flags: [],
        pageCount: 0,
        diverged: false,
      },
    },
  ],
  KycPageAdded: document(() => ({ addedPages: 1 })),
  // A legal status step clears a recorded divergence, as the decider's fold does.
  KycDocumentSubmitted: document((f) => ({
    status: 'VALIDATION_ASKED',
    diverged: false,
    ...(f.tag === undefined ? {} : { tag: f.tag }),
  })),
  KycDocumentValidated: document((f) => ({
    status: 'VALIDATED',
    processedDate: f.processedDate ?? null,
    refusedReasonType: null,
    // The decider's fold clears the Flags on a validation: so does the list.
    flags: [],
    diverged: false,
  })),
  // A refusal Mangopay showed without its reason type or date is recorded without them (with the anomaly).
  KycDocumentRefused: document((f) => ({
    status: 'REFUSED',
    processedDate: f.processedDate ?? null,
    refusedReasonType: f.refusedReasonType ?? null,
    flags: f.flags ?? [],
    diverged: false,
  })),
  // An out-of-date step carries the ProcessedDate Mangopay still shows, when it shows one.
  KycDocumentOutOfDate: document((f) => ({ status: 'OUT_OF_DATE', diverged: false, ...(f.processedDate === undefined ? {} : { processedDate: f.processedDate }) })),
  KycDocumentFlagsChanged: document((f) => ({ flags: f.flags })),
  KycDocumentStatusDiverged: document(() => ({ diverged: true })),
};

const sessionStep =
  (status: IdvSessionStatus) =>
  (f: { readonly sessionId: string }, version: number): ReadonlyArray<ReadModelChange> => [
    { kind: 'session-changed', sessionId: f.sessionId, version, patch: { status, diverged: false } },
  ];

const sessionTranslators: Translators<IdvSessionEvent> = {
  IdvSessionStarted: (f, version) => [
    {
      kind: 'session-started',
      version,
      session: { sessionId: f.sessionId, userId: f.userId, status: 'PENDING', tag: f.tag ?? null, creationDate: f.creationDate, diverged: false },
    },
  ],
  IdvSessionSentToReview: sessionStep('REVIEW'),
  IdvSessionValidated: sessionStep('VALIDATED'),
  IdvSessionRejected: sessionStep('REJECTED'),
  IdvSessionTimedOut: sessionStep('TIMEOUT'),
  IdvSessionErrored: sessionStep('ERROR'),
  IdvSessionOutdated: sessionStep('OUTDATED'),
  // Checks hold personal data and are not listed: nothing to change.
  IdvSessionChecksObserved: () => NO_CHANGES,
  IdvSessionStatusDiverged: (f, version) => [{ kind: 'session-changed', sessionId: f.sessionId, version, patch: { diverged: true } }],
};

const userTranslators: Translators<UserKycEvent> = {
  UserRegistered: (f, version) => [{ kind: 'user-registered', version, user: { userId: f.userId, profile: f.user, kycLevel: f.kycLevel } }],
  UserProfileChanged: (f, version) => [{ kind: 'user-changed', userId: f.userId, version, patch: { profile: f.user } }],
  UserKycLevelChanged: (f, version) => [{ kind: 'user-changed', userId: f.userId, version, patch: { kycLevel: f.to } }],
  // The level is kept as it was: the read model shows the last level the domain knows.
  UserKycLevelUnrecognized: () => NO_CHANGES,
  UserKycDocumentValidated: (f, version) => [
    {
      kind: 'user-changed',
      userId: f.userId,
      version,
      patch: {},
      counting: { kind: 'count-document', documentId: f.documentId, documentType: f.documentType },
    },
  ],
  UserKycDocumentExpired: (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: {}, counting: { kind: 'uncount-document', documentId: f.documentId } },
  ],
  UserIdvSessionValidated: (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: {}, counting: { kind: 'count-session', sessionId: f.sessionId } },
  ],
  UserIdvSessionExpired: (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: {}, counting: { kind: 'uncount-session', sessionId: f.sessionId } },
  ],
  // A validated declaration counts towards REGULAR (a Business's or Partnership's), any other status uncounts it.
  UboDeclarationObserved: (f, version) => [
    {
      kind: 'user-changed',
      userId: f.userId,
      version,
      patch: {},
      counting:
        f.declaration.status === 'VALIDATED'
          ? { kind: 'count-ubo-declaration', declarationId: f.declaration.declarationId }
          : { kind: 'uncount-ubo-declaration', declarationId: f.declaration.declarationId },
    },
  ],
  // The read model holds no personal data, so nothing is redacted: it only shows that the erasure happened (its date;
  // who asked and why are in the user's stream and its timeline).
  PersonalDataErased: (f, version) => [{ kind: 'user-changed', userId: f.userId, version, patch: { personalDataErasedAt: f.erasedAt } }],
};

interface StreamKind {
  /** Whose schema (and personal data declaration) its events are decoded with. */
  readonly aggregate: Aggregate<unknown, { readonly type: string }, unknown, unknown>;
  /** The field every event of the stream carries that must equal the stream's id (the per-row version guard relies on it). */
  readonly idField: string;
  readonly translators: Readonly<Record<string, (event: never, version: number) => ReadonlyArray<ReadModelChange>>>;
}

const streamKind = <Command, Event extends { readonly type: string }, State, Error>(
  aggregate: Aggregate<Command, Event, State, Error>,
  idField: string & keyof Event,
  translators: Translators<Event>,
): readonly [string, StreamKind] => [
  aggregate.name,
  { aggregate: aggregate as unknown as StreamKind['aggregate'], idField, translators: translators as unknown as StreamKind['translators'] },
];

const STREAM_KINDS: ReadonlyMap<string, StreamKind> = new Map([
  // The page policy plays no part in how a document's events decode.
  streamKind(kycDocumentAggregate(), 'documentId', documentTranslators),
  streamKind(idvSessionAggregate, 'sessionId', sessionTranslators),
  streamKind(userKycAggregate, 'userId', userTranslators),
]);

/**
 * The changes one recorded event makes. Streams of other kinds (a webhook inbox, …) change nothing. An event
 * of an older schema version is lifted by its aggregate's upcasters first, as the command handler reads it.
 */
export const readModelChangesOf = (event: RecordedEvent): E.Either<ReadModelEventUnreadable, ReadonlyArray<ReadModelChange>> => {
  const dash = event.streamName.indexOf('-');
  const kind = dash < 0 ? undefined : STREAM_KINDS.get(event.streamName.slice(0, dash));
  if (kind === undefined) return E.right(NO_CHANGES);
  const decoded = decodeRecordedWithoutPersonalData(kind.aggregate, event);
  if (E.isLeft(decoded)) return E.left(readModelEventUnreadable(event, decoded.left.cause.faults));
  const fields = decoded.right as unknown as Readonly<Record<string, unknown>>;
  if (fields[kind.idField] !== event.streamName.slice(dash + 1)) {
    return E.left(readModelEventUnreadable(event, [{ path: kind.idField, rule: 'SameIdAsItsStream' }]));
  }
  const translate = kind.translators[decoded.right.type] as StreamKind['translators'][string];
  return E.right(translate(decoded.right as never, event.streamVersion));
};

/** The changes of a batch, in order; the first unreadable event stops it. */
export const readModelChangesOfBatch = (
  events: ReadonlyArray<RecordedEvent>,
): E.Either<ReadModelEventUnreadable, ReadonlyArray<ReadModelChange>> => {
  const changes: ReadModelChange[] = [];
  for (const event of events) {
    const translated = readModelChangesOf(event);
    if (E.isLeft(translated)) return translated;
    changes.push(...translated.right);
  }
  return E.right(changes);
};

export interface ReadableChanges {
  readonly changes: ReadonlyArray<ReadModelChange>;
  /** The first unreadable event of each stream met in this batch and not set aside before it. */
  readonly unreadable: ReadonlyArray<ReadModelEventUnreadable>;
}

/**
 * The changes of a batch from the streams that are still readable, for a rebuild that must not stop for one damaged
 * stream: a stream is set aside from its first unreadable event on (its later events are not projected either,
 * since they build on the one that is missing), and every other stream goes on. `setAside` holds the streams set
 * aside by earlier batches.
 */
export const readableChangesOfBatch = (events: ReadonlyArray<RecordedEvent>, setAside: ReadonlySet<string>): ReadableChanges => {
  const changes: ReadModelChange[] = [];
  const unreadable: ReadModelEventUnreadable[] = [];
  const skipped = new Set(setAside);
  for (const event of events) {
    if (skipped.has(event.streamName)) continue;
    const translated = readModelChangesOf(event);
    if (E.isRight(translated)) {
      changes.push(...translated.right);
    } else {
      skipped.add(event.streamName);
      unreadable.push(translated.left);
    }
  }
  return { changes, unreadable };
};
