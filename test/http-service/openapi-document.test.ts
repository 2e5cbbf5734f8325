import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiDocument, routeAccessOf, routeKeyOf } from '../../src/adapters/http-service/index.js';
import { startServiceUnderTest } from '../support/service-under-test.js';

const DOCS_OPENAPI = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));

/** `METHOD /path/{param}` for every route the service's app serves (HEAD and OPTIONS are fastify's own). */
const servedRoutes = async (): Promise<ReadonlyArray<string>> => {
  const service = await startServiceUnderTest({ apiKeys: ['k'.repeat(32)], logLevel: 'silent' });
  const printed = service.app.printRoutes({ commonPrefix: false });
  await service.close();
  // A tree: each line is a path segment under the nearest shallower line, four columns per level.
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^((?:[│ ]   )*)[├└]── (\/\S*)(?: \(([A-Z, -]+)\))?$/.exec(line);
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
    // to anything but Mangopay's GET (the document says so), and every other path under /webhooks/ is a 404.
    // Operators' /metrics and the auditors' console (HTML pages) are not the platform's API.
    const notTheApi = (route: string) =>
      route === 'GET /openapi.json' || route === 'GET /metrics' || /^[A-Z-]+ \/webhooks\/\*$/.test(route) || /^(?!GET)[A-Z-]+ \/webhooks\//.test(route) || /^[A-Z]+ \/console(\/|$)/.test(route);
    const served = (await servedRoutes()).filter((route) => !notTheApi(route));
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
