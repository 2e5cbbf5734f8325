/**
 * Typed errors to HTTP answers: the status a platform can act on, and a body with the stable `type` code,
 * the human message and, for bad input, the faults (path and rule). Values are never echoed: domain messages
 * are written without them, and Mangopay's own messages (which may repeat input) are not passed on.
 */
export interface HttpErrorBody {
  readonly type: string;
  readonly message: string;
  readonly faults?: ReadonlyArray<{ readonly path: string; readonly rule: string }>;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: HttpErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
  /** A fault the operator must see in the logs (a 5xx, or a damaged stream), whatever the status. */
  readonly alertsOperator?: boolean;
}

const NOT_FOUND = new Set(['KYC_DOCUMENT_NOT_FOUND', 'IDV_SESSION_NOT_FOUND', 'USER_NOT_FOUND', 'RESOURCE_NOT_FOUND', 'STREAM_NOT_FOUND', 'SIMULATOR_NOT_RUNNING']);
const CONFLICT = new Set([
  'KYC_DOCUMENT_ALREADY_CREATED',
  'IDV_SESSION_ALREADY_STARTED',
  'CONCURRENCY_RETRIES_EXHAUSTED',
  'IDEMPOTENCY_KEY_REUSED',
  'COMMAND_ID_REUSED',
]);
const UNAVAILABLE = new Set(['PROJECTION_BEHIND', 'MANGOPAY_UNAVAILABLE', 'RATE_LIMITED', 'EVENT_STORE_UNAVAILABLE', 'READ_MODEL_UNAVAILABLE', 'CHECKPOINT_STORE_UNAVAILABLE']);
const BAD_GATEWAY = new Set(['MANGOPAY_AUTHENTICATION_FAILED', 'MANGOPAY_RESPONSE_INVALID']);
const SERVER_FAULT = new Set(['STORED_EVENT_UNREADABLE', 'DUPLICATE_EVENT_ID', 'INVALID_EVENT_FOR_STORE']);

/** Personal data a request needs could not be sealed or opened because the key store is down: retry later. */
const KEYS_UNAVAILABLE = new Set(['PERSONAL_DATA_NOT_SEALED', 'PERSONAL_DATA_KEYS_UNAVAILABLE']);
/** A sealed field of the resource is damaged or its key is missing: like a damaged event, an operator must look. */
const PERSONAL_DATA_DAMAGED = new Set(['PERSONAL_DATA_UNREADABLE', 'PERSONAL_DATA_TAMPERED', 'PERSONAL_DATA_TOKEN_MALFORMED', 'PERSONAL_DATA_KEY_NOT_FOUND']);
/** The service's own configuration or declarations are wrong: nothing the client can change. */
const MISCONFIGURED = new Set([
  'PERSONAL_DATA_VAULT_MISSING',
  'PERSONAL_DATA_SUBJECT_UNKNOWN',
  'PERSONAL_DATA_MASTER_KEY_REQUIRED',
  'PERSONAL_DATA_MASTER_KEY_MISMATCH',
  'READ_MODEL_EVENT_UNREADABLE',
]);

const RESOURCE_NAMES: Readonly<Record<string, string>> = { user: 'user', 'kyc-document': 'KYC document', 'idv-session': 'IDV session', 'ubo-declaration': 'UBO declaration', hook: 'hook' };

export const httpAnswerFor = (error: { readonly type: string; readonly message: string; readonly faults?: unknown }): HttpAnswer => {
  const faults = Array.isArray(error.faults) ? { faults: error.faults as HttpErrorBody['faults'] } : {};
  if (error.type === 'MANGOPAY_REQUEST_REFUSED') {
    return { status: 400, body: { type: error.type, message: 'Mangopay refused the request', ...faults } };
  }
  if (error.type === 'STORED_EVENT_UNREADABLE') {
    // 409: the resource is in a state (damaged at rest) that refuses the request until an operator repairs it; a
    // retry will not help, and no input of the client caused it. The operator sees it in the logs. The answer names
    // the stream and version to repair, never what the damaged row holds.
    const { streamName, streamVersion } = error as { readonly streamName?: unknown; readonly streamVersion?: unknown };
    const where = typeof streamName === 'string' && Number.isSafeInteger(streamVersion) ? `Event ${String(streamVersion)} of stream ${streamName}` : 'A stored event';
    return {
      status: 409,
      body: { type: error.type, message: `${where} can no longer be read: this resource refuses changes until an operator repairs it (other resources are unaffected)` },
      alertsOperator: true,
    };
  }
  // Fixed messages: an adapter's message may quote its driver, which has no place in an answer.
  if (KEYS_UNAVAILABLE.has(error.type)) {
    return {
      status: 503,
      body: { type: error.type, message: 'The personal data key store is unavailable: nothing was done; retry later' },
      headers: { 'retry-after': '1' },
      alertsOperator: true,
    };
  }
  if (PERSONAL_DATA_DAMAGED.has(error.type)) {
    return {
      status: 409,
      body: { type: error.type, message: 'A sealed personal field of this resource cannot be opened: it refuses requests until an operator repairs it' },
      alertsOperator: true,
    };
  }
  if (MISCONFIGURED.has(error.type)) {
    return { status: 500, body: { type: error.type, message: 'The service is misconfigured for this request; the fault is logged for the operator' }, alertsOperator: true };
  }
  if (error.type === 'MANGOPAY_UNAVAILABLE' && (error as { readonly reason?: unknown }).reason === 'timeout') {
    // Mangopay may have acted on what it did not answer in time: the outcome is unknown, and a retry with the same
    // Idempotency-Key is how the platform learns it (Mangopay's own key makes the call happen once).
    return {
      status: 504,
      body: { type: error.type, message: 'Mangopay did not answer in time: whether it acted is unknown; send the request again with the same Idempotency-Key' },
      headers: { 'retry-after': '1' },
      alertsOperator: true,
    };
  }
  if (error.type === 'RATE_LIMITED') {
    // Mangopay says when its window resets (unix seconds); the platform is told to come back then, not in a second.
    const resetAt = (error as { readonly resetAt?: unknown }).resetAt;
    const wait = typeof resetAt === 'number' && Number.isFinite(resetAt) ? Math.ceil(resetAt - Date.now() / 1000) : 1;
    return {
      status: 503,
      body: { type: error.type, message: 'Mangopay is rate limiting this service: nothing was done; retry after the time given' },
      headers: { 'retry-after': String(Math.min(86_400, Math.max(1, wait))) },
      alertsOperator: true,
    };
  }
  if (error.type === 'RESOURCE_NOT_FOUND') {
    // The adapter's message repeats the id the client sent; the answer names the kind of resource only.
    const resource = (error as { readonly resource?: unknown }).resource;
    const what = typeof resource === 'string' && Object.hasOwn(RESOURCE_NAMES, resource) ? RESOURCE_NAMES[resource] : 'resource';
    return { status: 404, body: { type: error.type, message: `Mangopay has no ${what} with this id` } };
  }
  const status = NOT_FOUND.has(error.type)
    ? 404
    : CONFLICT.has(error.type)
      ? 409
      : UNAVAILABLE.has(error.type)
        ? 503
        : BAD_GATEWAY.has(error.type)
          ? 502
          : SERVER_FAULT.has(error.type)
            ? 500
            : 400;
  return {
    status,
    body: { type: error.type, message: error.message, ...faults },
    ...(status === 503 ? { headers: { 'retry-after': '1' } } : {}),
    ...(status >= 500 ? { alertsOperator: true } : {}),
  };
};
