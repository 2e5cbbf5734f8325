import type { ApiKeyRole } from '../../shared/http/index.js';

/** Who may call a route: anyone (no key asked), or a key of one of these roles. */
export type RouteAccess = 'public' | ReadonlyArray<ApiKeyRole>;

const PLATFORM_ONLY: ReadonlyArray<ApiKeyRole> = ['platform'];
/** Reads: the platform, and auditors (who are shown personal data masked). */
const READERS: ReadonlyArray<ApiKeyRole> = ['platform', 'auditor'];

/**
 * Which keys each route takes, as data in one place: `METHOD /path` with fastify's `:param` patterns (a HEAD
 * is its GET). A route the service registers without an entry here stops the service from being built, so a
 * route added later cannot be served without deciding who may call it. The OpenAPI description is annotated
 * from this table (`x-allowed-roles`).
 */
export const ROUTE_ROLES: Readonly<Record<string, RouteAccess>> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /openapi.json': READERS,
  'POST /users/:userId/kyc/documents': PLATFORM_ONLY,
  'GET /users/:userId/kyc/documents': READERS,
  'POST /users/:userId/kyc/documents/:documentId/pages': PLATFORM_ONLY,
  'PUT /users/:userId/kyc/documents/:documentId': PLATFORM_ONLY,
  'GET /kyc/documents/:documentId': READERS,
  'GET /kyc/documents': READERS,
  'POST /users/:userId/identity-verifications': PLATFORM_ONLY,
  'GET /users/:userId/identity-verifications': READERS,
  'GET /identity-verifications/:sessionId': READERS,
  'GET /users/:userId/kyc': READERS,
  'GET /audit/:stream': READERS,
  // Operators scrape with the platform key: series carry no ids and no personal data, but they tell traffic and health.
  'GET /metrics': PLATFORM_ONLY,
  // The in-process simulator's URL and its random credentials (for `kyc demo --url`): they settle documents, so platform only.
  'GET /simulator': PLATFORM_ONLY,
  // Mangopay sends no credential; the route takes every method at /webhooks/mangopay[/<secret>] (all but GET get 405).
  'GET /webhooks/mangopay': 'public',
  // Every other path under /webhooks/, every method: a hook at a wrong or missing secret segment is answered 404
  // ROUTE_NOT_FOUND saying where hooks are taken, not asked for a key Mangopay never sends.
  'GET /webhooks/*': 'public',
  // The auditors' console (mounted by the composition root): `public` to the API-key check, since it signs in once
  // with an auditor or platform key and then authenticates each request by its session cookie (console-routes.ts
  // refuses every page and form without a live session, but the sign-in page and the stylesheet).
  'GET /console': 'public',
  'GET /console/assets/console.css': 'public',
  'GET /console/sign-in': 'public',
  'POST /console/sign-in': 'public',
  'POST /console/sign-out': 'public',
  'GET /console/users': 'public',
  'GET /console/users/:userId': 'public',
  'GET /console/users/:userId/print': 'public',
  'GET /console/users/:userId/timeline.json': 'public',
  'POST /console/reveal': 'public',
  'GET /console/rules': 'public',
  'GET /console/rules/:page': 'public',
  'GET /console/health': 'public',
};

/** The table's key for a route as fastify registers it (HEAD routes are their GET's). */
export const routeKeyOf = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method} ${url}`;

/** The access a route's entry declares, or undefined when the table has none for it. */
export const routeAccessOf = (routeKey: string): RouteAccess | undefined =>
  Object.prototype.hasOwnProperty.call(ROUTE_ROLES, routeKey) ? ROUTE_ROLES[routeKey] : undefined;
