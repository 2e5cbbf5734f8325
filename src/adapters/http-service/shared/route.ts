import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { CommandId } from '../../../domain/shared/bounded-string.js';
import { decodeWith } from '../../../domain/shared/invalid-input.js';
import { fail } from './answers.js';

type Codec<A> = t.Type<A, unknown, unknown>;

/** Decodes one part of a request, or answers 400 naming the faults. */
export const decoded = <A>(reply: FastifyReply, codec: Codec<A>, subject: string, value: unknown): A | undefined => {
  const result = decodeWith(codec, subject)(value ?? {});
  if (E.isRight(result)) return result.right;
  void fail(reply, result.left);
  return undefined;
};

/** The query of a route that reads none and refuses none (the open routes: a probe's query string is no one's business). */
export const IgnoredQuery: Codec<unknown> = t.unknown;

type MakesCommandIds = (() => string) | undefined;

/** What a route's handler is given: each part of the request decoded by the codec its route declares. */
export interface DecodedRequest<P, Q, B, C extends MakesCommandIds> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** A command's id: the platform's Idempotency-Key when it sends one (retries are then safe), else a fresh id. */
  readonly commandId: C extends () => string ? CommandId : undefined;
}

/** A route of the platform API: its method and pattern (an entry of ROUTE_ROLES), the codecs of its parts, its handler. */
export interface RouteSpec<P, Q, B, C extends MakesCommandIds> {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  /** The path's parameters; absent when the pattern has none. */
  readonly params?: Codec<P>;
  /** Every route declares its query: NoQuery refuses any parameter, IgnoredQuery reads none. */
  readonly query: Codec<Q>;
  /** The JSON body; absent when the route reads none. */
  readonly body?: Codec<B>;
  /** A command: where its fresh ids come from when no Idempotency-Key is sent (the header is decoded otherwise). */
  readonly commandIds?: C;
  readonly handler: (request: FastifyRequest, reply: FastifyReply, input: DecodedRequest<P, Q, B, C>) => Promise<unknown>;
}

/** The command id of a request: its Idempotency-Key header decoded, or a fresh id. */
const commandIdOf = (request: FastifyRequest, reply: FastifyReply, fresh: () => string): CommandId | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return fresh() as CommandId;
  return decoded(reply, CommandId, 'Idempotency-Key header', Array.isArray(header) ? header[0] : header);
};

/** A part of the request as decoded (`value` undefined for a part the route does not read); undefined once refused. */
type Part<A> = { readonly value: A | undefined } | undefined;
const UNREAD: Part<never> = { value: undefined };
const refusedOr = <A>(value: A | undefined): Part<A> => (value === undefined ? undefined : { value });

/**
 * Registers a route whose parts are decoded here, in one place and one order (path, query, body, Idempotency-Key):
 * the first part that does not decode is answered 400 naming its faults, and the handler is not called.
 */
export const route = <P = undefined, Q = unknown, B = undefined, C extends MakesCommandIds = undefined>(app: FastifyInstance, spec: RouteSpec<P, Q, B, C>): void => {
  const part = <A>(reply: FastifyReply, codec: Codec<A> | undefined, subject: string, value: unknown): Part<A> =>
    codec === undefined ? UNREAD : refusedOr(decoded(reply, codec, subject, value));
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const params = part(reply, spec.params, 'path', request.params);
      const query = params && part(reply, spec.query, 'query', request.query);
      const body = query && part(reply, spec.body, 'body', request.body);
      const commandId = body && (spec.commandIds === undefined ? UNREAD : refusedOr(commandIdOf(request, reply, spec.commandIds)));
      if (commandId === undefined) return reply;
      const input = { params: params?.value, query: query?.value, body: body?.value, commandId: commandId.value };
      return spec.handler(request, reply, input as DecodedRequest<P, Q, B, C>);
    },
  });
};
