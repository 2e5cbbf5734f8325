import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadAggregate } from '../../../application/command-handling/load-aggregate.js';
import { startIdvSession, StartIdvSessionRequest } from '../../../application/platform-commands/index.js';
import { isStarted, type IdvSessionState } from '../../../domain/idv-session/index.js';
import { commandAnswer, pageAnswer, resourceAnswer, type Shown } from '../shared/answers.js';
import { personalDataViewOf } from '../shared/request-key.js';
import { CreateIdvSessionBody, NoQuery, SessionIdParam, SessionsQuery, UserIdParam } from '../shared/request-codecs.js';
import { idvSessionJson, sessionSummaryJson } from '../shared/resource-json.js';
import { decoded, route } from '../shared/route.js';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';

/** A session as the request's key may see it (its personal values shown or masked). */
const sessionShownTo =
  (request: FastifyRequest): Shown<IdvSessionState> =>
  (state) =>
    isStarted(state) ? idvSessionJson(state, personalDataViewOf(request)) : undefined;

/** Mangopay's hosted identity verifications: start one for a user, one session folded from its stream, a user's sessions from the read model. */
export const registerIdvSessionsRoutes = (app: FastifyInstance, deps: PlatformRoutesDependencies): void => {
  const { core } = deps;

  route(app, {
    method: 'POST',
    url: '/users/:userId/identity-verifications',
    params: UserIdParam,
    query: NoQuery,
    body: CreateIdvSessionBody,
    commandIds: deps.newCommandId,
    handler: async (request, reply, { params, body, commandId }) => {
      const input = decoded(reply, StartIdvSessionRequest, 'body', {
        commandId,
        userId: params.userId,
        returnUrl: body.ReturnUrl,
        ...(body.Tag === undefined ? {} : { tag: body.Tag }),
      });
      if (input === undefined) return reply;
      return commandAnswer(reply, await startIdvSession(core)(input)(), 'made', sessionShownTo(request));
    },
  });

  route(app, {
    method: 'GET',
    url: '/identity-verifications/:sessionId',
    params: SessionIdParam,
    query: NoQuery,
    handler: async (request, reply, { params }) => {
      const loaded = await loadAggregate(core)(core.sessions, params.sessionId)();
      return resourceAnswer(reply, loaded, sessionShownTo(request), { type: 'IDV_SESSION_NOT_FOUND', message: 'No IDV session exists with this id' });
    },
  });

  route(app, {
    method: 'GET',
    url: '/users/:userId/identity-verifications',
    params: UserIdParam,
    query: SessionsQuery,
    handler: async (_request, reply, { params, query }) =>
      pageAnswer(
        reply,
        deps.readModelCaughtUp,
        () => deps.readModel.listUserSessions(params.userId, { page: query.Page ?? 1, perPage: query.Per_Page ?? 10, sort: query.Sort ?? 'CreationDate:DESC' }),
        sessionSummaryJson,
      ),
  });
};
