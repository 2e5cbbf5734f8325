import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { MangopayApiError } from '../../application/ports/mangopay-api-errors.js';
import type { IdempotencyKey } from '../../application/ports/mangopay-idempotency-key.js';
import type { AnswerHeaders, ExchangedText, ExchangeFailure } from './http-exchange.js';
import { refusalFromResponse, type RequestSubject } from './mangopay-error-response.js';
import type { ResolvedOptions } from './mangopay-http-client-options.js';
import type { TokenSource } from './oauth-token-source.js';
import { ApiResponseWire, isAnswerTo } from './original-response.js';
import { backoffDelayMs, rateLimitWaitMs } from './retry-schedule.js';

export interface MangopayRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Below /v2.01/{ClientId}, starting with a slash; ids already encoded. */
  readonly path: string;
  readonly query?: URLSearchParams;
  readonly body?: unknown;
  readonly idempotencyKey?: IdempotencyKey;
  /** What a 404 means. */
  readonly subject: RequestSubject;
}

export interface MangopayAnswer {
  readonly status: number;
  readonly headers: AnswerHeaders;
  /** The parsed JSON body; undefined for an empty body. */
  readonly json: unknown;
}

type Attempt =
  | ({ readonly kind: 'answer' } & ExchangedText)
  | { readonly kind: 'failure'; readonly reason: ExchangeFailure };

const invalidJson = (status: number): MangopayApiError => ({
  type: 'MANGOPAY_RESPONSE_INVALID',
  message: `Mangopay answered HTTP ${status} with a body that is not JSON`,
  status,
  faults: [{ path: '(root)', rule: 'JSON' }],
});

/**
 * Sends one logical request: token, timeout per attempt, retries with backoff and jitter for network errors
 * and 5xx when repeating is safe (GET, or POST with an Idempotency-Key), 429 waited out as x-ratelimit-reset
 * says (bounded), one token renewal on a 401. Resolves to a 2xx answer or a typed error; never rejects.
 */
export const createTransport = (options: ResolvedOptions, tokens: TokenSource) => {
  const attempt = async (request: MangopayRequest, authorization: string): Promise<Attempt> => {
    const url = `${options.apiRoot}${request.path}${request.query !== undefined && [...request.query].length > 0 ? `?${request.query}` : ''}`;
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
    const fetched = await options.exchange(
      url,
      { method: request.method, headers, ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }) },
      options.timeoutMs,
    );
    return 'failure' in fetched ? { kind: 'failure', reason: fetched.failure } : { kind: 'answer', ...fetched };
  };

  const send = async (request: MangopayRequest): Promise<MangopayApiError | MangopayAnswer> => {
    // A POST with an Idempotency-Key cannot be done twice by Mangopay: repeating it is safe (a 409 then reads the first answer).
    const repeatable = request.method === 'GET' || (request.method === 'POST' && request.idempotencyKey !== undefined);
    let failures = 0;
    let rateLimitWaits = 0;
    let renewedToken = false;
    for (;;) {
      const token = await tokens.authorization();
      if (!token.ok) return token.error;
      const result = await attempt(request, token.value);
      const attempts = failures + 1;
      if (result.kind === 'failure' || result.status >= 500) {
        if (repeatable && attempts < options.maxAttempts) {
          await options.sleep(backoffDelayMs(options, failures));
          failures++;
          continue;
        }
        return result.kind === 'failure'
          ? { type: 'MANGOPAY_UNAVAILABLE', message: `Mangopay could not be reached (${result.reason})`, reason: result.reason, status: null, attempts }
          : { type: 'MANGOPAY_UNAVAILABLE', message: `Mangopay answered HTTP ${result.status}`, reason: 'server-error', status: result.status, attempts };
      }
      if (result.status === 429) {
        // A 429 was not processed, so waiting and repeating is safe for every method.
        const wait = rateLimitWaitMs(result.headers, options.now());
        const waitMs = wait?.waitMs ?? backoffDelayMs(options, rateLimitWaits);
        if (rateLimitWaits < options.maxRateLimitWaits && waitMs <= options.maxRateLimitWaitMs) {
          await options.sleep(waitMs);
          rateLimitWaits++;
          continue;
        }
        return { type: 'RATE_LIMITED', message: 'Mangopay is rate limiting this client', resetAt: wait?.resetAt ?? null };
      }
      if (result.status === 401 && !renewedToken) {
        tokens.invalidate(token.value);
        renewedToken = true;
        continue;
      }
      let json: unknown;
      try {
        json = result.text.length === 0 ? undefined : JSON.parse(result.text);
      } catch {
        if (result.status < 300) return invalidJson(result.status);
        json = undefined;
      }
      if (result.status === 401) {
        return { type: 'MANGOPAY_AUTHENTICATION_FAILED', message: 'Mangopay refused the access token twice', status: 401 };
      }
      if (result.status === 409 && request.idempotencyKey !== undefined) return originalAnswer(request, request.idempotencyKey, json);
      if (result.status >= 300) return refusalFromResponse(result.status, json, request.subject);
      return { status: result.status, headers: result.headers, json };
    }
  };

  /**
   * Mangopay blocks any reuse of an Idempotency-Key within 24 hours with a 409, whatever the first answer was; the
   * first answer is read back from "View an API Response". A retry after an answer lost on the way (Mangopay acted,
   * the answer never came) is thereby answered as the first request was, and never does the work twice.
   */
  const originalAnswer = async (request: MangopayRequest, key: IdempotencyKey, conflict: unknown): Promise<MangopayApiError | MangopayAnswer> => {
    const reused = refusalFromResponse(409, conflict, request.subject);
    const kept = await send({ method: 'GET', path: `/responses/${encodeURIComponent(key)}`, subject: request.subject });
    if ('type' in kept) return kept.type === 'RESOURCE_NOT_FOUND' ? reused : kept;
    const decoded = ApiResponseWire.decode(kept.json);
    if (E.isLeft(decoded)) {
      return { type: 'MANGOPAY_RESPONSE_INVALID', message: 'Mangopay answered the API response of a key with an unexpected body', status: kept.status, faults: [{ path: '(root)', rule: 'ApiResponse' }] };
    }
    if (!isAnswerTo(decoded.right, request.path, request.body)) return reused;
    const status = Number(decoded.right.StatusCode);
    if (!Number.isInteger(status)) {
      return { type: 'MANGOPAY_RESPONSE_INVALID', message: 'Mangopay answered the API response of a key without a status code', status: kept.status, faults: [{ path: 'StatusCode', rule: 'HttpStatus' }] };
    }
    const resource = decoded.right.Resource ?? undefined;
    return status >= 200 && status < 300 ? { status, headers: kept.headers, json: resource } : refusalFromResponse(status, resource, request.subject);
  };

  return (request: MangopayRequest): TE.TaskEither<MangopayApiError, MangopayAnswer> =>
    async () => {
      const outcome = await send(request);
      return 'type' in outcome ? E.left(outcome) : E.right(outcome);
    };
};
