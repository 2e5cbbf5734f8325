import type { Anomaly } from '../shared/anomaly.js';
import type { MangopayId, RefusedReasonMessage, Tag } from '../shared/bounded-string.js';
import type { Personal } from '../shared/personal-data.js';
import type { Recognized } from '../shared/recognized.js';
import type { StepSource } from '../shared/step-source.js';
import type { UnixTimestamp } from '../shared/unix-timestamp.js';
import type { KycDocumentRefusedReasonType, KycDocumentStatus, KycDocumentType } from './kyc-document.vocabulary.js';
import type { PageFacts } from './page-file.js';

export interface KycPage extends PageFacts {
  readonly pageNumber: number;
}

/** Seed 002's KYC Document object, as this core knows it. */
export interface KycDocument {
  readonly status: KycDocumentStatus;
  readonly documentId: MangopayId;
  readonly userId: MangopayId;
  readonly documentType: KycDocumentType;
  readonly tag: Tag | undefined;
  readonly creationDate: UnixTimestamp;
  readonly processedDate: UnixTimestamp | undefined;
  readonly refusedReasonType: Recognized<KycDocumentRefusedReasonType> | undefined;
  /** Personal data: the `Erased` marker once the user's key is destroyed. */
  readonly refusedReasonMessage: Personal<RefusedReasonMessage> | undefined;
  /** The refusal's `Flags` as Mangopay showed them (empty when none, or before a refusal). */
  readonly flags: ReadonlyArray<string>;
  readonly pages: ReadonlyArray<KycPage>;
  /** Where the outcome on record breaks seed 002's rules (a refusal without its reason type or date): recorded, never refused. */
  readonly anomalies: ReadonlyArray<Anomaly>;
  /** The last status Mangopay reported that no legal step leads to, if any (cleared by the next legal step). */
  readonly divergentStatus: Recognized<KycDocumentStatus> | undefined;
  /** Who the submission was recorded from: the platform's own command, or Mangopay's view (a hook, a sweep). */
  readonly submittedBy: StepSource | undefined;
}

export type KycDocumentState = { readonly status: 'NOT_CREATED' } | KycDocument;

/** The statuses of the transition table: the seed's, plus the state before creation. */
export type KycDocumentLifecycle = KycDocumentState['status'];

export const initialKycDocumentState: KycDocumentState = { status: 'NOT_CREATED' };

export const isCreated = (state: KycDocumentState): state is KycDocument => state.status !== 'NOT_CREATED';
