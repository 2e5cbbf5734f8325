import type { FastifyRequest } from 'fastify';

/**
 * What logs and metrics name a request's route by: its pattern (`/users/:userId/kyc/documents`), never the path as
 * sent (ids, a name or a key pasted in the wrong place would be logged, and make a series per user); `(no route)` for
 * a URL no route serves, and `(Mangopay webhook)` for the hooks' route, whose path carries its secret segment.
 */
export const routeLabelOf = (request: FastifyRequest, webhookPath: string | undefined): string => {
  let route: string | undefined;
  try {
    route = request.routeOptions.url;
  } catch {
    route = undefined; // a URL fastify could not route has no route options
  }
  return route === undefined ? '(no route)' : route === webhookPath ? '(Mangopay webhook)' : route;
};
