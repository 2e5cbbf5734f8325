import { createMangopayHttpClient, type MangopayHttpClientOptions } from '../../src/adapters/mangopay-http-client/index.js';

/** One request the client sent, as a route sees it. */
export interface ScriptedRequest {
  readonly method: string;
  /** The path below /v2.01/{ClientId} (e.g. `/users/user_m_1`), without the query. */
  readonly path: string;
  /** The whole URL, query included. */
  readonly url: string;
  readonly init: RequestInit | undefined;
}

/** A route: which requests it answers (by method, any when absent, and path) and how. */
export interface ScriptedRoute {
  readonly method?: string;
  /** A string matches the path exactly; a RegExp or a predicate as they say. */
  readonly path: string | RegExp | ((path: string) => boolean);
  readonly answer: (request: ScriptedRequest) => Response | Promise<Response>;
}

const TOKEN = { access_token: 'token', token_type: 'Bearer', expires_in: 1200 };

const matches = (route: ScriptedRoute, request: ScriptedRequest): boolean =>
  (route.method === undefined || route.method === request.method) &&
  (typeof route.path === 'string' ? route.path === request.path : route.path instanceof RegExp ? route.path.test(request.path) : route.path(request.path));

/** Mangopay's 404 body, naming the request no route answers, so a missing route shows in the test's failure. */
const noRoute = (request: ScriptedRequest): Response => {
  const what = `${request.method} ${request.path}`;
  return Response.json(
    { Message: `the scripted Mangopay fetch has no route for ${what}`, Type: 'ressource_not_found', Id: 'scripted#0', Date: 0, errors: { NoRoute: what } },
    { status: 404 },
  );
};

/**
 * A fake Mangopay `fetch`: `POST /v2.01/oauth/token` is answered with a token; any other request by the first
 * route that matches it; a request no route matches with a 404 naming it (never another route's answer).
 */
export const scriptedMangopayFetch =
  (routes: ReadonlyArray<ScriptedRoute>): typeof fetch =>
  async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const { pathname } = new URL(url);
    if (method === 'POST' && pathname.endsWith('/v2.01/oauth/token')) return Response.json(TOKEN);
    const request: ScriptedRequest = { method, path: pathname.replace(/^.*?\/v2\.01\/[^/]+(?=\/)/, ''), url, init };
    const route = routes.find((candidate) => matches(candidate, request));
    return route === undefined ? noRoute(request) : route.answer(request);
  };

/** A Mangopay list answer: the items, with the x-number-of-items and x-number-of-pages headers. */
export const mangopayPage = (items: ReadonlyArray<unknown>): Response =>
  Response.json(items, { headers: { 'x-number-of-items': String(items.length), 'x-number-of-pages': items.length === 0 ? '0' : '1' } });

/** The real HTTP client in front of `scriptedMangopayFetch(routes)`, never sleeping between retries. */
export const scriptedMangopayClient = (routes: ReadonlyArray<ScriptedRoute>, options: Partial<MangopayHttpClientOptions> = {}) =>
  createMangopayHttpClient({ baseUrl: 'https://api.example', clientId: 'c', apiKey: 'k', sleep: async () => {}, fetch: scriptedMangopayFetch(routes), ...options });
