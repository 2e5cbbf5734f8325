import type { IdvSessionView, KycDocumentView, MangopayUserView } from '../../../src/application/ports/mangopay-api.js';
import type { IdvSessionStatus } from '../../../src/domain/idv-session/index.js';
import type { KycDocumentStatus } from '../../../src/domain/kyc-document/index.js';
import type { MangopayId } from '../../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../../src/domain/shared/unix-timestamp.js';
import type { KycLevel } from '../../../src/domain/user-kyc/index.js';

/** Views as Mangopay would answer them, for scripted-Mangopay tests. */
export const naturalOwner = (id: string, kycLevel: KycLevel = 'LIGHT'): MangopayUserView => ({
  id: id as MangopayId,
  personType: 'NATURAL',
  userCategory: 'OWNER',
  kycLevel,
  creationDate: 1_767_000_000 as UnixTimestamp,
  tag: null,
});

export const identityProof = (id: string, userId: string, status: KycDocumentStatus): KycDocumentView => ({
  id: id as MangopayId,
  userId: userId as MangopayId,
  type: 'IDENTITY_PROOF',
  status,
  tag: null,
  creationDate: 1_767_000_100 as UnixTimestamp,
  processedDate: status === 'VALIDATED' || status === 'REFUSED' ? (1_767_000_900 as UnixTimestamp) : null,
  refusedReasonType: status === 'REFUSED' ? 'DOCUMENT_UNREADABLE' : null,
  refusedReasonMessage: null,
  flags: [],
});

export const idvSession = (id: string, userId: string, status: IdvSessionStatus): IdvSessionView =>
  ({
    id,
    userId,
    status,
    hostedUrl: `https://idv.example.com/${id}`,
    returnUrl: 'https://platform.example.com/back',
    tag: null,
    creationDate: 1_767_000_200,
    lastUpdate: 1_767_000_300,
    checks: [],
  }) as unknown as IdvSessionView;
