import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { fail } from '../shared/answers.js';
import { NoQuery, UserIdParam } from '../shared/request-codecs.js';
import { userKycJson } from '../shared/resource-json.js';
import { route } from '../shared/route.js';
import type { PlatformRoutesDependencies } from '../shared/routes-dependencies.js';

/** A user's KYC level and what it is made of, from the read model. */
export const registerUsersRoutes = (app: FastifyInstance, deps: PlatformRoutesDependencies): void => {
  route(app, {
    method: 'GET',
    url: '/users/:userId/kyc',
    params: UserIdParam,
    query: NoQuery,
    handler: async (_request, reply, { params }) => {
      const caughtUp = await deps.readModelCaughtUp();
      if (E.isLeft(caughtUp)) return fail(reply, caughtUp.left);
      const user = await deps.readModel.userKyc(params.userId)();
      if (E.isLeft(user)) return fail(reply, user.left);
      return user.right === undefined ? fail(reply, { type: 'USER_NOT_FOUND', message: 'This user has not been seen yet' }) : reply.send(userKycJson(user.right));
    },
  });
};
