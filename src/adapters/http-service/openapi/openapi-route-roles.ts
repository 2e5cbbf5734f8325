import { routeAccessOf, routeKeyOf } from '../shared/route-roles.js';

type Operation = { readonly description?: string; readonly responses?: Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;
type Paths = Readonly<Record<string, Readonly<Record<string, Operation>>>>;

const forbidden = {
  description:
    'ROLE_REQUIRED: the key is valid but its role may not call this operation (`requiredRoles` names the roles that may); nothing read or written',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/**
 * The document's operations annotated from ROUTE_ROLES, the one table the service enforces: `x-allowed-roles`
 * and a sentence in the description for each operation behind a key, and its 403 ROLE_REQUIRED when some role
 * may not call it. Public operations are left as written.
 */
export const withRouteRoles = <D extends { readonly paths: Paths }>(document: D): D => {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const access = routeAccessOf(routeKeyOf(method.toUpperCase(), path.replace(/\{([A-Za-z]+)\}/g, ':$1')));
          if (access === undefined || access === 'public') return [method, operation];
          const roles = `Roles: ${access.join(', ')}${access.includes('auditor') ? ' (an auditor is shown personal data masked)' : ''}.`;
          return [
            method,
            {
              ...operation,
              description: operation.description === undefined ? roles : `${roles} ${operation.description}`,
              'x-allowed-roles': access,
              responses: { ...operation.responses, '403': forbidden },
            },
          ];
        }),
      ),
    ]),
  );
  return { ...document, paths };
};
