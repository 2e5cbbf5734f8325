import type { FastifyReply } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { ListPage } from '../../../application/ports/kyc-read-model.js';
import { httpAnswerFor } from './http-error.js';
import type { Failure } from './routes-dependencies.js';

/** What the log says of a server-side failure: its type and, for a damaged stream, where to repair it. Never a value. */
const serverFaultOf = (error: Failure): Readonly<Record<string, unknown>> => {
  const { streamName, streamVersion } = error as { readonly streamName?: unknown; readonly streamVersion?: unknown };
  return {
    type: error.type,
    ...(typeof streamName === 'string' ? { streamName } : {}),
    ...(Number.isSafeInteger(streamVersion) ? { streamVersion } : {}),
  };
};

/** Answers a failure as the API's error table says (status, headers, body); a server-side one is logged for the operator. */
export const fail = (reply: FastifyReply, error: Failure) => {
  const answer = httpAnswerFor(error);
  if (answer.alertsOperator === true) reply.log.error(serverFaultOf(error), 'request failed');
  if (answer.headers !== undefined) void reply.headers(answer.headers);
  return reply.code(answer.status).send(answer.body);
};

/** A resource's JSON as its state shows it, or undefined for a state that is no resource yet. */
export type Shown<S> = (state: S) => object | undefined;

/**
 * A command's outcome: its failure, or the resource it `made` (201, 200 when the command was a replay) or `changed` (200).
 * (A state with no resource is never a command's success: nothing is sent.)
 */
export const commandAnswer = <S>(
  reply: FastifyReply,
  outcome: E.Either<Failure, { readonly state: S; readonly replayed: boolean }>,
  effect: 'made' | 'changed',
  shown: Shown<S>,
) => {
  if (E.isLeft(outcome)) return fail(reply, outcome.left);
  const json = shown(outcome.right.state);
  if (json === undefined) return reply;
  return effect === 'changed' ? reply.send(json) : reply.code(outcome.right.replayed ? 200 : 201).send(json);
};

/** A resource folded from its stream, or `notFound` when its stream holds none. */
export const resourceAnswer = <S>(reply: FastifyReply, loaded: E.Either<Failure, { readonly state: S }>, shown: Shown<S>, notFound: Failure) => {
  if (E.isLeft(loaded)) return fail(reply, loaded.left);
  const json = shown(loaded.right.state);
  return json === undefined ? fail(reply, notFound) : reply.send(json);
};

/**
 * A page of a list from the read model, asked (`list`) only once the read model has every event acknowledged before
 * the request: the items, and Mangopay's count headers.
 */
export const pageAnswer = async <I>(reply: FastifyReply, caughtUp: TaskEither<Failure, void>, list: () => TaskEither<Failure, ListPage<I>>, json: (item: I) => unknown) => {
  const ready = await caughtUp();
  if (E.isLeft(ready)) return fail(reply, ready.left);
  const page = await list()();
  if (E.isLeft(page)) return fail(reply, page.left);
  return reply.headers({ 'x-number-of-items': String(page.right.totalItems), 'x-number-of-pages': String(page.right.totalPages) }).send(page.right.items.map(json));
};
