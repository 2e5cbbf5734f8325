import { randomUUID } from 'node:crypto';

/** What a handler answers; the server writes it. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** An HTML page or a redirect instead of JSON. */
  readonly html?: string;
}

export const ok = (body: unknown, headers?: Readonly<Record<string, string>>): Reply => ({ status: 200, body, ...(headers ? { headers } : {}) });
export const noContent = (): Reply => ({ status: 204 });

/** Mangopay's error body: `{ Message, Type, Id, Date, errors }`. */
export const mangopayError = (
  status: number,
  type: string,
  message: string,
  errors: Readonly<Record<string, string>> | null,
  nowSeconds: number,
): Reply => ({
  status,
  body: { Message: message, Type: type, Id: `${randomUUID()}#${nowSeconds}`, Date: nowSeconds, errors },
});

const PARAM_ERROR_MESSAGE =
  'One or several required parameters are missing or incorrect. An incorrect resource ID also raises this kind of error.';

/** A 400 naming each offending field and why (never the value sent). */
export const paramError = (errors: Readonly<Record<string, string>>, nowSeconds: number): Reply =>
  mangopayError(400, 'param_error', PARAM_ERROR_MESSAGE, errors, nowSeconds);

export const notFound = (what: string, id: string, nowSeconds: number): Reply =>
  mangopayError(404, 'ressource_not_found', 'Cannot found the ressource', { RessourceNotFound: `Cannot found the ressource ${what} with the id=${id}` }, nowSeconds);

export const unauthorized = (nowSeconds: number): Reply =>
  mangopayError(401, 'Unauthorized', 'Authorization has been denied for this request.', null, nowSeconds);

/** "Rate limiting": the 429 body Mangopay documents, with the x-ratelimit-* headers. */
export const rateLimited = (headers: Readonly<Record<string, string>>, nowSeconds: number): Reply => ({
  ...mangopayError(429, 'rate_limit', 'Rate limit exceeded. Please contact support for more assistance', null, nowSeconds),
  headers,
});
