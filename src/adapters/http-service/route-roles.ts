import { CONSOLE_ROUTES } from '../auditors-console/console-routes-table.js';
import type { ApiKeyRole } from './api-key-roles.js';

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
  // The auditors' console: its own sign-in (an auditor or platform key, once) and a session cookie per request.
  ...Object.fromEntries(CONSOLE_ROUTES.map((route) => [route, 'public' as const])),
};

/** The table's key for a route as fastify registers it (HEAD routes are their GET's). */
export const routeKeyOf = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method} ${url}`;

/** The access a route's entry declares, or undefined when the table has none for it. */
export const routeAccessOf = (routeKey: string): RouteAccess | undefined =>
  Object.prototype.hasOwnProperty.call(ROUTE_ROLES, routeKey) ? ROUTE_ROLES[routeKey] : undefined;
