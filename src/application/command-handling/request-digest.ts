import { canonicalJson } from '../../domain/shared/canonical-json.js';
import { idDigest } from '../../domain/shared/id-digest.js';

/**
 * The fingerprint of what the platform asked under a command id (its Idempotency-Key), kept in the events'
 * metadata: the same id with another request is then refused instead of answered as a replay of the first.
 */
export const requestDigest = (aggregateName: string, request: unknown): string =>
  idDigest(aggregateName, canonicalJson(request));
