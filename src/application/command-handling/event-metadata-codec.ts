import * as t from 'io-ts';
import { faultsOf, type InputFault } from '../../domain/shared/invalid-input.js';

/**
 * The metadata every stored event must carry. The command handler trusts `commandId` for idempotency and the
 * audit timeline trusts `occurredAt`, so metadata read back from a store is checked like the data is.
 */
export const EventMetadataCodec = t.intersection(
  [
    t.type({ commandId: t.string, occurredAt: t.string }),
    // The platform request's fingerprint (request-digest.ts), on events recorded by a platform command.
    t.partial({ requestDigest: t.string }),
  ],
  'EventMetadata',
);

/** The faults of a stored event's metadata, each path prefixed with `metadata`; empty when it is sound. */
export const metadataFaults = (metadata: unknown): ReadonlyArray<InputFault> => {
  if (EventMetadataCodec.is(metadata)) return [];
  const decoded = EventMetadataCodec.decode(metadata);
  const faults = decoded._tag === 'Left' ? faultsOf(decoded.left) : [];
  return faults.map((fault) => ({ path: fault.path === '(root)' ? 'metadata' : `metadata.${fault.path}`, rule: fault.rule }));
};
