import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedVersion } from '../../../application/ports/event-store.js';

/** Our versions count events (first event: 1); EventStoreDB revisions index them (first event: 0). */
export const toExpectedRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  switch (expected.kind) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    case 'exact':
      return expected.version === 0 ? NO_STREAM : BigInt(expected.version - 1);
  }
};

export const versionOfRevision = (revision: CurrentRevision): number => (revision === NO_STREAM ? 0 : Number(revision) + 1);
