import type { FastifyInstance } from 'fastify';
import type { ApiKeyIdentity } from '../../shared/http/index.js';
import { apiKeyOfRequest, keyKnownOf, rememberKeyOf } from './request-key.js';
import { routeAccessOf, routeKeyOf, type RouteAccess } from './route-roles.js';

declare module 'fastify' {
  /** What the service keeps in a route's config: who may call it (from ROUTE_ROLES), and the table key to find it under. */
  interface FastifyContextConfig {
    /** The ROUTE_ROLES key of a route whose methods or path the table names by one entry (the hooks' routes); default `METHOD /pattern`. */
    routeKey?: string;
    access?: RouteAccess;
  }
}

const roleList = (roles: ReadonlyArray<string>): string => (roles.length === 1 ? `the role ${roles[0]}` : `one of the roles ${roles.join(', ')}`);

/**
 * Who may call each route is ROUTE_ROLES's: a route it does not list is never served (the build stops where it is
 * registered), and every request to a route that is not public needs an API key of a role its entry allows; without
 * one nothing is read or written. A path no route serves takes any valid key, and answers 404.
 */
export const guardRoutesByRole = (app: FastifyInstance, identify: (authorization: string | undefined) => ApiKeyIdentity | undefined): void => {
  app.addHook('onRoute', (route) => {
    const config = route.config ?? {};
    const keys = config.routeKey !== undefined ? [config.routeKey] : [route.method].flat().map((method) => routeKeyOf(method, route.url));
    const accesses = keys.map(routeAccessOf);
    const access = accesses[0];
    if (access === undefined || accesses.some((other) => other !== access)) {
      throw new Error(`The route ${keys.join(', ')} has no single entry in ROUTE_ROLES: declare who may call it there`);
    }
    route.config = { ...config, access };
  });

  app.addHook('onRequest', async (request, reply) => {
    const { access } = request.routeOptions.config;
    if (access === 'public') return;
    // Established once per request, where its logger is made; should fastify make none, here.
    if (!keyKnownOf(request.raw)) rememberKeyOf(request.raw, identify(request.headers.authorization));
    const identity = apiKeyOfRequest(request);
    if (identity === undefined) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ type: 'UNAUTHENTICATED', message: 'This route needs a valid API key: Authorization: Bearer <key>' });
    }
    if (access === undefined || access.includes(identity.role)) return;
    return reply.code(403).send({
      type: 'ROLE_REQUIRED',
      message: `This route needs an API key with ${roleList(access)}; this key's role is ${identity.role}`,
      requiredRoles: access,
    });
  });
};
