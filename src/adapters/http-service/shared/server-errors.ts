import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { JsonBodyRefused } from './bounded-json-parser.js';

/** The longest path parameter the router takes; longer segments are answered 414 PATH_SEGMENT_TOO_LONG. */
export const MAX_PATH_PARAMETER_LENGTH = 300;

/** Why a JSON body was refused, in words (never its content). */
const JSON_REFUSAL_MESSAGES: Readonly<Record<JsonBodyRefused['code'], string>> = {
  JSON_NOT_UTF8: 'The request body is not UTF-8',
  JSON_TOO_DEEP: 'The request body nests deeper than any request of this API',
  JSON_INVALID: 'The request body is not valid JSON',
  JSON_PROTOTYPE_KEY: 'The request body has a __proto__ or constructor.prototype key',
  JSON_DUPLICATE_KEY: 'The request body has an object with the same key twice: send each field once',
};

/** A source past its budget of notifications per minute (the rate limiter throws it; answered 429 RATE_LIMITED). */
export class NotificationsRateLimited extends Error {
  readonly statusCode = 429;
  constructor() {
    super('RATE_LIMITED');
  }
}

/** A path fastify cannot route: the service's error shape, never fastify's, which echoes the whole path. */
export const frameworkErrors = (error: FastifyError, _request: unknown, reply: FastifyReply): void => {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply.code(tooLong ? 414 : 400).send({
    type: tooLong ? 'PATH_SEGMENT_TOO_LONG' : 'INVALID_URL',
    message: tooLong ? `A path segment is longer than any id (${MAX_PATH_PARAMETER_LENGTH} characters)` : 'The request path is not a valid URL (bad percent-encoding)',
  });
};

/** Malformed JSON, bodies over the limit, wrong content types: typed 4xx, never a stack trace; a path no route serves: 404. */
export const answerServerErrors = (app: FastifyInstance): void => {
  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof NotificationsRateLimited) {
      return reply.code(429).send({ type: 'RATE_LIMITED', message: 'Too many notifications from this address; retry later (nothing already accepted is lost)' });
    }
    if (error instanceof JsonBodyRefused) {
      return reply.code(400).send({ type: error.code, message: JSON_REFUSAL_MESSAGES[error.code] });
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) reply.log.error({ code: error.code }, 'unexpected failure');
    return reply.code(status).send({
      type: status === 500 ? 'INTERNAL_ERROR' : status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_REQUEST',
      message: status === 413 ? 'The request body is too large' : status === 500 ? 'Unexpected failure' : `The request cannot be read (${error.code ?? 'bad request'})`,
    });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ type: 'ROUTE_NOT_FOUND', message: 'No such route' }));
};
