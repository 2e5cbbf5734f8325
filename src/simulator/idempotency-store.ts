import { isIdempotencyKey } from './mangopay-words.js';
import { mangopayError, notFound, ok, paramError, type Reply } from './simulator-reply.js';

const DAY_SECONDS = 24 * 60 * 60;

interface Remembered {
  readonly reply: Reply;
  readonly requestUrl: string;
  readonly at: number;
}

const badKey = (nowSeconds: number): Reply =>
  paramError({ 'Idempotency-Key': 'The Idempotency-Key must be 16 to 36 alphanumeric characters or dashes.' }, nowSeconds);

/**
 * Mangopay's Idempotency-Key on POST ("Idempotency"): any reuse of a key within 24 hours is blocked with 409,
 * whatever the first answer was; the first answer stays readable at GET responses/{key} for those 24 hours
 * ("View an API Response"). The answer is kept (it is what that endpoint returns), the request body never is.
 */
export const createIdempotencyStore = () => {
  const answers = new Map<string, Remembered>();
  const live = (key: string, nowSeconds: number): Remembered | undefined => {
    const stored = answers.get(key);
    if (stored !== undefined && nowSeconds - stored.at >= DAY_SECONDS) answers.delete(key);
    return answers.get(key);
  };
  return {
    /** A refusal (a malformed key, or a key used within 24 hours), or undefined when the request may run. */
    refusal: (key: string, nowSeconds: number): Reply | undefined => {
      if (!isIdempotencyKey(key)) return badKey(nowSeconds);
      if (live(key, nowSeconds) === undefined) return undefined;
      return mangopayError(409, 'idempotent_creation_conflict', 'A resource has already been created with this Idempotency Key', null, nowSeconds);
    },
    remember: (key: string, requestUrl: string, reply: Reply, nowSeconds: number): void => {
      answers.set(key, { reply, requestUrl, at: nowSeconds });
    },
    /** GET /v2.01/{ClientId}/responses/{IdempotencyKey}: the API Response object. */
    view: (key: string, nowSeconds: number): Reply => {
      if (!isIdempotencyKey(key)) return badKey(nowSeconds);
      const stored = live(key, nowSeconds);
      if (stored === undefined) return notFound('ApiResponse', key, nowSeconds);
      const content = stored.reply.body === undefined ? '' : JSON.stringify(stored.reply.body);
      return ok({
        StatusCode: String(stored.reply.status),
        ContentLength: String(Buffer.byteLength(content)),
        ContentType: 'application/json; charset=utf-8',
        Date: new Date(stored.at * 1000).toUTCString(),
        RequestURL: stored.requestUrl,
        Resource: stored.reply.body ?? null,
      });
    },
  };
};
