import { createHash } from 'node:crypto';
import { IdempotencyKey } from '../application/ports/mangopay-idempotency-key.js';
import { mangopayError, paramError, type Reply } from './simulator-reply.js';

/** JSON with keys in a stable order, so two equal bodies fingerprint alike whatever their key order. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * Mangopay's Idempotency-Key on POST: the same key with the same request answers the first answer again;
 * the same key with another request is refused (409 idempotent_creation_conflict). Only a digest of the
 * request is kept, never the body (it may hold a page or personal data).
 */
export const createIdempotencyStore = () => {
  const answers = new Map<string, { readonly fingerprint: string; readonly reply: Reply }>();
  return {
    /** The stored answer to replay, a refusal, or undefined when the request is new (then `remember` it). */
    check: (key: string, method: string, path: string, body: unknown, nowSeconds: number): Reply | { readonly fingerprint: string } => {
      if (!IdempotencyKey.is(key)) {
        return paramError({ 'Idempotency-Key': 'The Idempotency-Key must be 16 to 36 alphanumeric characters or dashes.' }, nowSeconds);
      }
      const fingerprint = createHash('sha256').update(`${method} ${path.toLowerCase()}\n${canonical(body)}`).digest('hex');
      const stored = answers.get(key);
      if (stored === undefined) return { fingerprint };
      if (stored.fingerprint === fingerprint) return stored.reply;
      return mangopayError(409, 'idempotent_creation_conflict', 'A resource has already been created with this Idempotency Key', null, nowSeconds);
    },
    remember: (key: string, fingerprint: string, reply: Reply): void => {
      answers.set(key, { fingerprint, reply });
    },
  };
};

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
