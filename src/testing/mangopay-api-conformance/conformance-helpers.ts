import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { idempotencyKeyFor, type IdempotencyKey } from '../../application/ports/mangopay-idempotency-key.js';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../domain/shared/https-url.js';

export { left, right } from '../event-store-conformance/conformance-helpers.js';

/** A fresh Idempotency-Key, derived as the core derives them: from a command id and a step. */
export const freshKey = (step = 'create'): IdempotencyKey => idempotencyKeyFor(randomUUID() as CommandId, step);

/** A PNG page (its magic bytes, then filler) of `sizeBytes`, as Mangopay's `File`: plain base64. */
export const pngPage = (sizeBytes = 40 * 1024): string => {
  const bytes = Buffer.alloc(sizeBytes, 0x41);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes.toString('base64');
};

export const RETURN_URL = 'https://platform.example/kyc/return' as HttpsUrl;
