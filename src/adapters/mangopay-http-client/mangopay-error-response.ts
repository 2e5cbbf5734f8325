import * as t from 'io-ts';
import type {
  MangopayApiError,
  MangopayErrorBody,
  MangopayResource,
} from '../../application/ports/mangopay-api-errors.js';

const MAX_TEXT = 1000;

const ErrorBodyWire = t.type({
  Message: t.string,
  Type: t.string,
  Id: t.union([t.string, t.null, t.undefined]),
  Date: t.union([t.number, t.null, t.undefined]),
  errors: t.union([t.record(t.string, t.unknown), t.array(t.unknown), t.null, t.undefined]),
});

/** Reads Mangopay's error body; anything else gives null (the status alone still classifies the error). */
export const readErrorBody = (json: unknown): MangopayErrorBody | null => {
  const decoded = ErrorBodyWire.decode(json);
  if (decoded._tag === 'Left') return null;
  const wire = decoded.right;
  const errors: Record<string, string> = {};
  if (wire.errors !== null && wire.errors !== undefined && !Array.isArray(wire.errors)) {
    for (const [field, reason] of Object.entries(wire.errors)) {
      if (typeof reason === 'string') errors[field.slice(0, 255)] = reason.slice(0, MAX_TEXT);
    }
  }
  return {
    message: wire.Message.slice(0, MAX_TEXT),
    type: wire.Type.slice(0, 255),
    id: typeof wire.Id === 'string' ? wire.Id.slice(0, 255) : null,
    date: typeof wire.Date === 'number' ? wire.Date : null,
    errors,
  };
};

export interface RequestSubject {
  readonly resource: MangopayResource;
  readonly id: string;
}

/**
 * Mangopay's error types are lower-case words joined by underscores (param_error, ressource_not_found) and its
 * field names are PascalCase (Tag, ReturnUrl): only words of those shapes are repeated in our message. Anything
 * else an answer puts there (free text, a value, a secret) stays in `mangopay`, as received.
 */
const ERROR_TYPE_WORD = /^[a-z]{1,32}(?:_[a-z]{1,32}){0,7}$/;
const FIELD_NAME = /^[A-Z][A-Za-z0-9]{0,63}(?:\.[A-Z][A-Za-z0-9]{0,63}){0,3}$/;

/** Our message names the status, Mangopay's error type and the fields; Mangopay's own texts stay in `mangopay`. */
const describe = (status: number, body: MangopayErrorBody | null): string => {
  if (body === null) return `HTTP ${status}`;
  const type = ERROR_TYPE_WORD.test(body.type) ? body.type : '(unrecognized error type)';
  const fields = Object.keys(body.errors).filter((field) => FIELD_NAME.test(field));
  return `HTTP ${status} ${type}${fields.length > 0 ? ` (fields: ${fields.join(', ')})` : ''}`;
};

/** A final 4xx answer (401, 429 and 5xx are handled by the transport before this) as a typed error. */
export const refusalFromResponse = (
  status: number,
  json: unknown,
  subject: RequestSubject,
): MangopayApiError => {
  const body = readErrorBody(json);
  if (status === 404) {
    return {
      type: 'RESOURCE_NOT_FOUND',
      message: `Mangopay has no ${subject.resource} ${subject.id}`,
      resource: subject.resource,
      id: subject.id,
      mangopay: body,
    };
  }
  if (status === 409 || body?.type === 'idempotent_creation_conflict') {
    return {
      type: 'IDEMPOTENCY_KEY_REUSED',
      message: `Mangopay refused a reused Idempotency-Key: ${describe(status, body)}`,
      mangopay: body,
    };
  }
  return {
    type: 'MANGOPAY_REQUEST_REFUSED',
    message: `Mangopay refused the request: ${describe(status, body)}`,
    status,
    mangopay: body,
  };
};
