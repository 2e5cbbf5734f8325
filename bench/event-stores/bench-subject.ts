import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../../src/application/ports/event-store.js';

/**
 * One store under benchmark, reduced to the operations the workloads time. Each implementation does
 * the same work its own way: kyc-core's adapter, the raw driver with the same SQL, or Emmett.
 */
export interface BenchSubject {
  readonly name: string;
  /** Appends at exactly `version` (the stream's current version); must fail loudly if the check does not hold. */
  readonly append: (stream: string, version: number, events: ReadonlyArray<EventToAppend>) => Promise<void>;
  /** Reads a whole stream and returns how many events came back. */
  readonly readStream: (stream: string) => Promise<number>;
  /** Reads one page of the global order after `after` (undefined: from the start); returns its size and last position. */
  readonly readAllPage: (after: bigint | undefined, maxCount: number) => Promise<{ readonly count: number; readonly last: bigint | undefined }>;
  readonly close: () => Promise<void>;
}

/** A KYC-sized event (~250 bytes of JSON). */
export const benchEvent = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'KycDocumentCreated',
  schemaVersion: 1,
  data: { documentId: randomUUID(), userId: `user-${i}`, documentType: 'IDENTITY_PROOF', status: 'CREATED', tag: 'bench', pages: i % 5 },
  metadata: { commandId: randomUUID(), occurredAt: '2026-01-01T00:00:00.000Z' },
});

export const batchOf = (size: number, i: number): EventToAppend[] => Array.from({ length: size }, (_, k) => benchEvent(i * size + k));
