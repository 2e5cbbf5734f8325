import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { IdvSessionEventType, IdvSessionStatus } from '../../domain/idv-session/index.js';
import type { KycDocumentEventType } from '../../domain/kyc-document/index.js';
import { faultsOf } from '../../domain/shared/invalid-input.js';
import type { UserKycEventType } from '../../domain/user-kyc/index.js';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../aggregates.js';
import type { RecordedEvent } from '../ports/event-store.js';
import type { DocumentPatch, ReadModelChange } from './read-model-change.js';
import { readModelEventUnreadable, type ReadModelEventUnreadable } from './read-model-errors.js';
import {
  DocumentCreatedFields,
  DocumentFields,
  DocumentFlagsFields,
  DocumentRefusedFields,
  DocumentSubmittedFields,
  DocumentValidatedFields,
  PersonalDataErasedFields,
  SessionFields,
  SessionStartedFields,
  UserDocumentFields,
  UserFields,
  UserKycLevelChangedFields,
  UserProfileChangedFields,
  UserRegisteredFields,
  UserSessionFields,
  UserUboDeclarationFields,
} from './read-model-event-codecs.js';

/**
 * The one translation from recorded events to read-model changes: pure, total over the three aggregates'
 * event types (a new event type does not compile until it is decided here), and blind to personal fields.
 */

interface Translator {
  readonly codec: t.Mixed;
  readonly changes: (fields: never, version: number) => ReadonlyArray<ReadModelChange>;
}

const translate = <C extends t.Mixed>(codec: C, changes: (fields: t.TypeOf<C>, version: number) => ReadonlyArray<ReadModelChange>): Translator => ({
  codec,
  changes,
});

const NO_CHANGES: ReadonlyArray<ReadModelChange> = [];

const document = <A extends { readonly documentId: string }>(codec: t.Type<A, unknown, unknown>, patch: (fields: A) => DocumentPatch): Translator =>
  translate(codec, (fields, version) => [{ kind: 'document-changed', documentId: fields.documentId, version, patch: patch(fields) }]);

const documentTranslators: { readonly [K in KycDocumentEventType]: Translator } = {
  KycDocumentCreated: translate(DocumentCreatedFields, (f, version) => [
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
  ]),
  KycPageAdded: document(DocumentFields, () => ({ addedPages: 1 })),
  // A legal status step clears a recorded divergence, as the decider's fold does.
  KycDocumentSubmitted: document(DocumentSubmittedFields, (f) => ({
    status: 'VALIDATION_ASKED',
    diverged: false,
    ...(f.tag === undefined ? {} : { tag: f.tag }),
  })),
  KycDocumentValidated: document(DocumentValidatedFields, (f) => ({
    status: 'VALIDATED',
    processedDate: f.processedDate ?? null,
    refusedReasonType: null,
    // The decider's fold clears the Flags on a validation: so does the list.
    flags: [],
    diverged: false,
  })),
  KycDocumentRefused: document(DocumentRefusedFields, (f) => ({
    status: 'REFUSED',
    processedDate: f.processedDate ?? null,
    refusedReasonType: f.refusedReasonType ?? null,
    flags: f.flags ?? [],
    diverged: false,
  })),
  KycDocumentOutOfDate: document(DocumentValidatedFields, (f) => ({ status: 'OUT_OF_DATE', diverged: false, ...(f.processedDate === undefined ? {} : { processedDate: f.processedDate }) })),
  KycDocumentFlagsChanged: document(DocumentFlagsFields, (f) => ({ flags: f.flags })),
  KycDocumentStatusDiverged: document(DocumentFields, () => ({ diverged: true })),
};

const sessionStep = (status: IdvSessionStatus): Translator =>
  translate(SessionFields, (f, version) => [{ kind: 'session-changed', sessionId: f.sessionId, version, patch: { status, diverged: false } }]);

const sessionTranslators: { readonly [K in IdvSessionEventType]: Translator } = {
  IdvSessionStarted: translate(SessionStartedFields, (f, version) => [
    {
      kind: 'session-started',
      version,
      session: { sessionId: f.sessionId, userId: f.userId, status: 'PENDING', tag: f.tag ?? null, creationDate: f.creationDate, diverged: false },
    },
  ]),
  IdvSessionSentToReview: sessionStep('REVIEW'),
  IdvSessionValidated: sessionStep('VALIDATED'),
  IdvSessionRejected: sessionStep('REJECTED'),
  IdvSessionTimedOut: sessionStep('TIMEOUT'),
  IdvSessionErrored: sessionStep('ERROR'),
  IdvSessionOutdated: sessionStep('OUTDATED'),
  // Checks hold personal data and are not listed: nothing to change.
  IdvSessionChecksObserved: translate(SessionFields, () => NO_CHANGES),
  IdvSessionStatusDiverged: translate(SessionFields, (f, version) => [
    { kind: 'session-changed', sessionId: f.sessionId, version, patch: { diverged: true } },
  ]),
};

const userTranslators: { readonly [K in UserKycEventType]: Translator } = {
  UserRegistered: translate(UserRegisteredFields, (f, version) => [
    { kind: 'user-registered', version, user: { userId: f.userId, profile: f.user, kycLevel: f.kycLevel } },
  ]),
  UserProfileChanged: translate(UserProfileChangedFields, (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: { profile: f.user } },
  ]),
  UserKycLevelChanged: translate(UserKycLevelChangedFields, (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: { kycLevel: f.to } },
  ]),
  // The level is kept as it was: the read model shows the last level the domain knows.
  UserKycLevelUnrecognized: translate(UserFields, () => NO_CHANGES),
  UserKycDocumentValidated: translate(UserDocumentFields, (f, version) => [
    {
      kind: 'user-changed',
      userId: f.userId,
      version,
      patch: {},
      counting: { kind: 'count-document', documentId: f.documentId, documentType: f.documentType },
    },
  ]),
  UserKycDocumentExpired: translate(UserDocumentFields, (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: {}, counting: { kind: 'uncount-document', documentId: f.documentId } },
  ]),
  UserIdvSessionValidated: translate(UserSessionFields, (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: {}, counting: { kind: 'count-session', sessionId: f.sessionId } },
  ]),
  UserIdvSessionExpired: translate(UserSessionFields, (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: {}, counting: { kind: 'uncount-session', sessionId: f.sessionId } },
  ]),
  // A validated declaration counts towards REGULAR (a Business's or Partnership's), any other status uncounts it.
  UboDeclarationObserved: translate(UserUboDeclarationFields, (f, version) => [
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
  ]),
  // The read model holds no personal data, so nothing is redacted: it only shows that the erasure happened.
  PersonalDataErased: translate(PersonalDataErasedFields, (f, version) => [
    { kind: 'user-changed', userId: f.userId, version, patch: { personalDataErasedAt: f.erasedAt } },
  ]),
};

interface StreamKind {
  /** The field every event of the stream carries that must equal the stream's id (the per-row version guard relies on it). */
  readonly idField: string;
  readonly translators: Readonly<Record<string, Translator>>;
}

const STREAM_KINDS: ReadonlyMap<string, StreamKind> = new Map([
  [kycDocumentAggregate().name, { idField: 'documentId', translators: documentTranslators }],
  [idvSessionAggregate.name, { idField: 'sessionId', translators: sessionTranslators }],
  [userKycAggregate.name, { idField: 'userId', translators: userTranslators }],
]);

/**
 * The changes one recorded event makes. Streams of other kinds (a webhook inbox, …) change nothing. Every
 * schema version is read with the same codecs: the fields read here are in all of them so far, and a
 * future shape that moves one fails to decode, loudly, rather than being misread.
 */
export const readModelChangesOf = (event: RecordedEvent): E.Either<ReadModelEventUnreadable, ReadonlyArray<ReadModelChange>> => {
  const dash = event.streamName.indexOf('-');
  const kind = dash < 0 ? undefined : STREAM_KINDS.get(event.streamName.slice(0, dash));
  if (kind === undefined) return E.right(NO_CHANGES);
  const translator = Object.hasOwn(kind.translators, event.type) ? kind.translators[event.type] : undefined;
  if (translator === undefined) return E.left(readModelEventUnreadable(event, [{ path: 'type', rule: 'KnownEventType' }]));
  const decoded = translator.codec.decode(event.data);
  if (E.isLeft(decoded)) return E.left(readModelEventUnreadable(event, faultsOf(decoded.left)));
  const fields = decoded.right as Readonly<Record<string, unknown>>;
  if (fields[kind.idField] !== event.streamName.slice(dash + 1)) {
    return E.left(readModelEventUnreadable(event, [{ path: kind.idField, rule: 'SameIdAsItsStream' }]));
  }
  return E.right(translator.changes(fields as never, event.streamVersion));
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
