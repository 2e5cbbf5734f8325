import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ABSOLUTE_MS } from './console-sessions.js';
import { CONSOLE_PATH } from './console-layout.js';

export const SESSION_COOKIE = 'kyc_console';

/**
 * No script at all, styles only from the console's own stylesheet, forms only to itself, never framed. Pages hold
 * audit data (and, once revealed, a personal value): nothing is cached, and no address is sent to another site as a referrer.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on the console's own form posts, which the origin check refuses.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** The session id from the request's cookies (only the console's own cookie is read). */
export const sessionIdOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
};

const secure = (request: FastifyRequest, always: boolean): boolean => always || request.protocol === 'https';

/** HttpOnly (no script reads it), SameSite=Strict (no other site's form or link sends it), Secure over https, scoped to /console. */
export const setSessionCookie = (reply: FastifyReply, request: FastifyRequest, sessionId: string, alwaysSecure: boolean): FastifyReply =>
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${sessionId}; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_ABSOLUTE_MS / 1000}${secure(request, alwaysSecure) ? '; Secure' : ''}`,
  );

export const clearSessionCookie = (reply: FastifyReply, request: FastifyRequest, alwaysSecure: boolean): FastifyReply =>
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=${CONSOLE_PATH}; HttpOnly; SameSite=Strict; Max-Age=0${secure(request, alwaysSecure) ? '; Secure' : ''}`);

/**
 * Whether a POST comes from the console's own pages: a browser names the page's origin (and, when it sends it,
 * says the request is same-origin). With the session's CSRF token (and SameSite=Strict) this also guards the sign-in
 * form, which has no session yet.
 */
export const fromSameOrigin = (request: FastifyRequest): boolean => {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return site !== undefined; // a browser sends one or the other on a form POST
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
};
