import type { FastifyInstance } from 'fastify';

/** The error types of this API are upper-case codes; anything else in a body's `type` is not logged. */
const ERROR_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Logs every 4xx with the error type it answered (`VALIDATION_FAILED`, `UNAUTHENTICATED`, …), so the log says why a
 * platform call was refused, not only that it was. Only the type: the message may quote what the client sent.
 */
export const logRefusals = (app: FastifyInstance): void => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || reply.statusCode >= 500 || typeof payload !== 'string') return payload;
    const type = typeOf(payload);
    if (type !== undefined) request.log.info({ status: reply.statusCode, type }, 'request refused');
    return payload;
  });
};

const typeOf = (body: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(body);
    const type = typeof parsed === 'object' && parsed !== null ? (parsed as { readonly type?: unknown }).type : undefined;
    return typeof type === 'string' && ERROR_TYPE.test(type) ? type : undefined;
  } catch {
    return undefined;
  }
};
