import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildHttpService, openApiDocument, routeAccessOf, routeKeyOf, type HttpServiceDependencies } from '../../src/adapters/http-service/index.js';

const DOCS_OPENAPI = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));

/** Routes are registered when the service is built; none of these is called. */
const unused = (): never => {
  throw new Error('not called while listing routes');
};
const deps = {
  core: {},
  readModel: {},
  readModelCaughtUp: unused,
  timeline: unused,
  ready: unused,
  webhook: { path: '/webhooks/mangopay', handle: unused, maxPerMinutePerSource: 60 },
  apiKeys: [{ key: 'k'.repeat(32), role: 'platform' }],
  logLevel: 'silent',
  newCommandId: unused,
} as unknown as HttpServiceDependencies;

/** `METHOD /path/{param}` for every route fastify serves (HEAD and OPTIONS are fastify's own). */
const servedRoutes = async (): Promise<ReadonlyArray<string>> => {
  const app = buildHttpService(deps);
  await app.ready();
  const printed = app.printRoutes({ commonPrefix: false });
  await app.close();
  // A tree: each line is a path segment under the nearest shallower line, four columns per level.
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^((?:[│ ]   )*)[├└]── (\/\S*)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] as string).length / 4;
    const path = (prefixes[depth - 1] ?? '') + (match[2] as string);
    prefixes[depth] = path;
    const methods = match[3]?.split(', ') ?? [];
    for (const method of methods) if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
  }
  return routes.sort();
};

const documentedRoutes = (): ReadonlyArray<string> =>
  Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe('the OpenAPI description', () => {
  it('describes every route the service serves, and no route it does not serve', async () => {
    // The document itself is not described; the webhook route takes every method so the endpoint can answer 405
    // to anything but Mangopay's GET (the document says so).
    const served = (await servedRoutes()).filter((route) => route !== 'GET /openapi.json' && !/^(?!GET)[A-Z]+ \/webhooks\//.test(route));
    expect(documentedRoutes()).toEqual(served);
  });

  it("states each operation's roles as ROUTE_ROLES enforces them (x-allowed-roles, the description, a 403), public ones none", () => {
    const operations = Object.entries(openApiDocument.paths as Record<string, Record<string, { description?: string; responses: object; 'x-allowed-roles'?: unknown }>>).flatMap(
      ([path, byMethod]) => Object.entries(byMethod).map(([method, operation]) => ({ key: routeKeyOf(method.toUpperCase(), path.replace(/\{([A-Za-z]+)\}/g, ':$1')), operation })),
    );
    for (const { key, operation } of operations) {
      const access = routeAccessOf(key);
      expect(access, `${key} has no entry in ROUTE_ROLES`).toBeDefined();
      if (access === 'public') {
        expect(operation['x-allowed-roles'], key).toBeUndefined();
      } else {
        expect({ key, roles: operation['x-allowed-roles'], forbidden: '403' in operation.responses, roleSentence: operation.description?.startsWith(`Roles: ${access?.join(', ')}`) }).toEqual({
          key,
          roles: access,
          forbidden: true,
          roleSentence: true,
        });
      }
    }
  });

  it('is kept in docs/openapi.json as the service serves it (regenerate with `npm run openapi`)', () => {
    const kept: unknown = JSON.parse(readFileSync(DOCS_OPENAPI, 'utf8'));
    expect(kept).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });
});
