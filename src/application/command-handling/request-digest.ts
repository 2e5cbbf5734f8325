import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/shared/canonical-json.js';

/**
 * The fingerprint of what the platform asked under a command id (its Idempotency-Key), kept in the events'
 * metadata: the same id with another request is then refused instead of answered as a replay of the first.
 */
export const requestDigest = (aggregateName: string, request: unknown): string =>
  createHash('sha256').update(`${aggregateName}\u0000${canonicalJson(request)}`).digest('hex');
