/**
 * Routes as segment patterns (`users/:userId/kyc/documents`), matched case-insensitively on the literal
 * segments (the SDK sends `/KYC/`), with trailing slashes ignored; captured ids keep their case.
 */
export interface Route<Handler> {
  readonly method: string;
  readonly pattern: string;
  readonly handler: Handler;
}

export type RouteMatch<Handler> =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment.length > 0);

const matchPattern = (pattern: string, segments: ReadonlyArray<string>): Record<string, string> | undefined => {
  const parts = segmentsOf(pattern);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] as string;
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      params[part.slice(1)] = value;
    } else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
};

export const matchRoute = <Handler>(routes: ReadonlyArray<Route<Handler>>, method: string, path: string): RouteMatch<Handler> => {
  const segments = segmentsOf(path);
  let pathKnown = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'found', handler: route.handler, params };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
};
