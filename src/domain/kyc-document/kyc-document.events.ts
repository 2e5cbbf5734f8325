import * as t from 'io-ts';
import { Anomalies } from '../shared/anomaly.js';
import { MangopayId, RefusedReasonMessage, Tag } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { eventSchema, eventUnion, type EventOf } from '../shared/event-schema.js';
import { personal } from '../shared/personal-data.js';
import { recognized } from '../shared/recognized.js';
import { StepSource } from '../shared/step-source.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { KycDocumentFlags, KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from './kyc-document.vocabulary.js';
import { PageFormat } from './page-format.js';

/** The SHA-256 of the page's decoded bytes: 64 lowercase hexadecimal characters. */
const Sha256Hex = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Sha256Hex');
/** A page's place in its document: 1 for the first page, then 2, 3… */
const PageNumber = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'PageNumber');
/** The page's decoded size, in bytes (a whole number, 0 or more). */
const ByteSize = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'ByteSize');

export const KycDocumentCreated = struct(
  'KycDocumentCreated',
  {
    type: t.literal('KycDocumentCreated'),
    documentId: MangopayId,
    userId: MangopayId,
    documentType: KycDocumentType,
    creationDate: UnixTimestamp,
  },
  { tag: Tag },
);

/** A page's number, SHA-256, byte size and detected format: never its bytes. */
export const KycPageAdded = struct('KycPageAdded', {
  type: t.literal('KycPageAdded'),
  documentId: MangopayId,
  pageNumber: PageNumber,
  sha256: Sha256Hex,
  sizeBytes: ByteSize,
  format: PageFormat,
});

export const KycDocumentSubmitted = struct(
  'KycDocumentSubmitted',
  { type: t.literal('KycDocumentSubmitted'), documentId: MangopayId, source: StepSource },
  { tag: Tag },
);

export const KycDocumentValidated = struct(
  'KycDocumentValidated',
  { type: t.literal('KycDocumentValidated'), documentId: MangopayId, source: StepSource },
  { processedDate: UnixTimestamp },
);

/**
 * Seed 002 gives a refusal its RefusedReasonType and ProcessedDate. Mangopay decided the refusal: one shown
 * without them is recorded all the same, and `anomalies` names what was missing (events before the field have both).
 */
export const KycDocumentRefused = struct(
  'KycDocumentRefused',
  { type: t.literal('KycDocumentRefused'), documentId: MangopayId, source: StepSource },
  {
    refusedReasonType: recognized(KycDocumentRefusedReasonType),
    processedDate: UnixTimestamp,
    // Free text from Mangopay's agents, which may name the person: personal data.
    refusedReasonMessage: personal(RefusedReasonMessage),
    anomalies: Anomalies,
    // The refusal's `Flags` (codes of "Dealing with refusals"), when the view shows any; absent in older events.
    flags: KycDocumentFlags,
  },
);

/** ProcessedDate: the date Mangopay shows with the out-of-date document (it keeps the validation's), when it shows one. */
export const KycDocumentOutOfDate = struct(
  'KycDocumentOutOfDate',
  { type: t.literal('KycDocumentOutOfDate'), documentId: MangopayId, source: StepSource },
  { processedDate: UnixTimestamp },
);

/**
 * Mangopay's `Flags` on the document changed while its status did not (a refused document's codes revised): the
 * flags it shows now, in its order. The status step that carried the earlier flags stays as it was recorded.
 */
export const KycDocumentFlagsChanged = struct('KycDocumentFlagsChanged', {
  type: t.literal('KycDocumentFlagsChanged'),
  documentId: MangopayId,
  flags: KycDocumentFlags,
});

/** Mangopay reports a status no legal step leads to from here: recorded and surfaced, the state is kept. */
export const KycDocumentStatusDiverged = struct('KycDocumentStatusDiverged', {
  type: t.literal('KycDocumentStatusDiverged'),
  documentId: MangopayId,
  localStatus: KycDocumentStatus,
  observedStatus: recognized(KycDocumentStatus),
});

/** Every event of a document, declared once: its union and its schema come from here. */
const kycDocumentEvents = {
  KycDocumentCreated: { codec: KycDocumentCreated, version: 1 },
  KycPageAdded: { codec: KycPageAdded, version: 1 },
  KycDocumentSubmitted: { codec: KycDocumentSubmitted, version: 1 },
  KycDocumentValidated: { codec: KycDocumentValidated, version: 1 },
  KycDocumentRefused: { codec: KycDocumentRefused, version: 1 },
  KycDocumentOutOfDate: { codec: KycDocumentOutOfDate, version: 1 },
  KycDocumentFlagsChanged: { codec: KycDocumentFlagsChanged, version: 1 },
  KycDocumentStatusDiverged: { codec: KycDocumentStatusDiverged, version: 1 },
} as const;

export type KycDocumentEvent = EventOf<typeof kycDocumentEvents>;
export const KycDocumentEvent = eventUnion('KycDocumentEvent', kycDocumentEvents);
export type KycDocumentEventType = KycDocumentEvent['type'];
export type KycDocumentCreated = t.TypeOf<typeof KycDocumentCreated>;
export type KycPageAdded = t.TypeOf<typeof KycPageAdded>;

export const kycDocumentEventSchema = eventSchema<KycDocumentEvent>(kycDocumentEvents);
