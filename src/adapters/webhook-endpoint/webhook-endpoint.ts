import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { HookReceipt, ReceiveHookError } from '../../application/webhooks/receive-hook.js';
import { hookQueryOf } from './hook-query-of.js';
import { json, type WebhookResponse } from './webhook-response.js';

/** What the endpoint needs of an HTTP request, whatever the server: node's http, fastify, a test. */
export interface WebhookRequest {
  readonly method: string | undefined;
  /** The request target: path and query, e.g. `/hooks/mangopay?EventType=KYC_SUCCEEDED&RessourceId=…&Date=…`. */
  readonly url: string | undefined;
  readonly remoteAddress: string | undefined;
}

export type WebhookEndpoint = (request: WebhookRequest) => Promise<WebhookResponse>;

export interface WebhookEndpointOptions {
  /** The receive use case (`receiveHook(...)`): validates and records, nothing more. */
  readonly receive: (query: unknown) => TaskEither<ReceiveHookError, HookReceipt>;
  /**
   * Who may notify. Mangopay publishes the addresses its hooks come from; a platform that filters at the
   * edge leaves this out. A refused address gets a 403 and nothing is recorded.
   */
  readonly acceptsRemoteAddress?: (address: string | undefined) => boolean;
}

/**
 * Mangopay's hook endpoint, independent of any HTTP framework. Hooks carry no signature, so nothing in one is
 * trusted: a valid notification is only recorded (the processor re-fetches the resource from Mangopay later),
 * which keeps the answer far below Mangopay's 2 s. Answers, always JSON, never echoing a value received:
 * 200 recorded, duplicate or ignored (unknown event type: acknowledged so Mangopay stops retrying);
 * 400 with the faults' paths and rules; 405 for anything but GET; 503 when the inbox cannot record (Mangopay retries).
 */
export const createWebhookEndpoint = (options: WebhookEndpointOptions): WebhookEndpoint => async (request) => {
  if (request.method !== 'GET') {
    return json(405, { type: 'METHOD_NOT_ALLOWED', message: 'Mangopay hook notifications are GET requests' }, { allow: 'GET' });
  }
  if (options.acceptsRemoteAddress !== undefined && !options.acceptsRemoteAddress(request.remoteAddress)) {
    return json(403, { type: 'SOURCE_NOT_ALLOWED', message: 'Notifications are not accepted from this address' });
  }
  const query = hookQueryOf(request.url);
  if (query === undefined) return json(400, { type: 'INVALID_HOOK', message: 'The request target is not a valid URL', faults: [] });
  let received: E.Either<ReceiveHookError, HookReceipt>;
  try {
    received = await options.receive(query)();
  } catch {
    // No use case should throw; if one does, Mangopay must retry rather than believe it was recorded.
    return json(500, { type: 'INTERNAL_ERROR', message: 'The notification could not be recorded' });
  }
  if (E.isRight(received)) return json(200, { received: true, ...received.right });
  const error = received.left;
  if (error.type === 'INVALID_INPUT') return json(400, { type: 'INVALID_HOOK', message: error.message, faults: error.faults });
  return json(503, { type: error.type, message: 'The notification could not be recorded; it will be accepted when retried' }, { 'retry-after': '60' });
};
