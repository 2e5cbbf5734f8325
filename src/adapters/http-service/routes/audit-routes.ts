import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { renderTimeline } from '../../../application/audit/index.js';
import { fail } from '../shared/answers.js';
import { personalDataViewOf } from '../shared/request-key.js';
import { AuditQuery, StreamParam } from '../shared/request-codecs.js';
import { route } from '../shared/route.js';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';

/** A stream's audit timeline, as JSON or as text, its personal values as the key's role may see them. */
export const registerAuditRoutes = (app: FastifyInstance, deps: PlatformRoutesDependencies): void => {
  route(app, {
    method: 'GET',
    url: '/audit/:stream',
    params: StreamParam,
    query: AuditQuery,
    handler: async (request, reply, { params, query }) => {
      const timeline = await deps.timeline(params.stream, personalDataViewOf(request))();
      if (E.isLeft(timeline)) return fail(reply, timeline.left);
      if (timeline.right.entries.length === 0) return fail(reply, { type: 'STREAM_NOT_FOUND', message: 'No events in this stream' });
      return query.format === 'text' ? reply.type('text/plain; charset=utf-8').send(`${renderTimeline(timeline.right)}\n`) : reply.send(timeline.right);
    },
  });
};
