import * as t from 'io-ts';
import { jsonEqual } from '../../domain/shared/json-equal.js';

/**
 * Mangopay's "API Response" object (GET /v2.01/{ClientId}/responses/{IdempotencyKey}): the answer Mangopay gave the
 * first request made with a key, kept 24 hours. Values are strings, as Mangopay's example shows them.
 */
export const ApiResponseWire = t.type({
  StatusCode: t.union([t.string, t.number]),
  RequestURL: t.union([t.string, t.null, t.undefined]),
  Resource: t.unknown,
});
export type ApiResponseWire = t.TypeOf<typeof ApiResponseWire>;

/**
 * Whether the kept answer is this request's: the same path, and no field this request sends that the kept resource
 * shows with another value. Mangopay blocks a reused key whatever the request (409); a key reused for another request
 * must stay a refusal, never be answered with someone else's resource.
 */
export const isAnswerTo = (kept: ApiResponseWire, path: string, body: unknown): boolean => {
  if (typeof kept.RequestURL === 'string') {
    let keptPath: string;
    try {
      keptPath = new URL(kept.RequestURL).pathname;
    } catch {
      keptPath = kept.RequestURL.split('?')[0] ?? '';
    }
    if (!keptPath.toLowerCase().endsWith(path.toLowerCase())) return false;
  }
  if (typeof body !== 'object' || body === null || typeof kept.Resource !== 'object' || kept.Resource === null) return true;
  const resource = kept.Resource as Readonly<Record<string, unknown>>;
  return Object.entries(body).every(([field, value]) => !(field in resource) || jsonEqual(resource[field], value));
};
