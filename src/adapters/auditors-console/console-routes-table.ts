/**
 * Every route of the auditors' console, for the service's ROUTE_ROLES: `public` to the API-key check, since the
 * console signs in once with a key and then authenticates each request by its session cookie (console-routes.ts
 * refuses every page and form without a live session, but the sign-in page and the stylesheet).
 */
export const CONSOLE_ROUTES: ReadonlyArray<string> = [
  'GET /console',
  'GET /console/assets/console.css',
  'GET /console/sign-in',
  'POST /console/sign-in',
  'POST /console/sign-out',
  'GET /console/users',
  'GET /console/users/:userId',
  'GET /console/users/:userId/print',
  'GET /console/users/:userId/timeline.json',
  'POST /console/reveal',
  'GET /console/rules',
  'GET /console/rules/:page',
  'GET /console/health',
];
